import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'etalase:isPublic';

/** Opts a route (or controller) out of the default-closed authentication guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

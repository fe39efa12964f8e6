import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS, type ErrorCode } from '../errors/error-code.js';
import { MAX_LISTED_ERRORS } from '../errors/problem.js';

const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export class FieldErrorView {
  @ApiProperty({ example: 'items.0.quantity', description: 'Dotted path of the field in the request' }) field!: string;
  @ApiProperty({ example: 'quantity must be a positive integer' }) message!: string;
}

/** RFC 9457 problem details (common/errors/problem.ts), the body of every error response. */
export class ProblemView {
  @ApiProperty({ format: 'uri', example: 'https://etalase.dev/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Your request is not valid' }) title!: string;
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' }) status!: number;
  @ApiProperty({ example: 'quantity must be a positive integer' }) detail!: string;
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', description: 'Stable and machine-readable: branch on this, not on the title' }) code!: ErrorCode;
  @ApiPropertyOptional({ example: '/api/v1/orders', description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({ description: 'The X-Request-Id of the request, for support' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorView], maxItems: MAX_LISTED_ERRORS, description: `At most ${MAX_LISTED_ERRORS} field errors` }) errors?: FieldErrorView[];
  @ApiPropertyOptional({ minimum: 1, description: 'How many more field errors there were than `errors` lists' }) moreErrors?: number;
}

/** The public shape others may render (the showcase): a type only, the view stays this feature's. */
export type { ImpactView } from './impact.views.js';

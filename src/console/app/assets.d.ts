/** esbuild bundles imported CSS into the hashed stylesheet the shell links. */
declare module '*.css';

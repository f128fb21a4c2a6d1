/** The policy: schema, built-in default, validation and the decisions taken from it. Pure; no browser APIs. */
export * from './schema';
export * from './json-syntax';
export * from './validate';
export * from './default';
export * from './detectors';
export * from './decide';

/** Legal reference data and pure functions over it; no browser APIs. */
export * from './types';
export * from './text';
export * from './bases';
export * from './categories';
export * from './rights';
export * from './crm-labels';

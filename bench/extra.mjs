// Benchmarks that need features from other issues register here (list marking, log throughput,
// queries, verification, export), each as { id, run(tools) } returning result rows.
export const EXTRA_BENCHMARKS = [];

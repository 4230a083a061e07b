/** Types of build-if-stale.js, for its spec (the script itself runs before any build). */
export declare const STAMP: string;
export declare function inputs(root: string): string[] | null;
export declare function fingerprint(root: string): string | null;
export declare function staleReason(root: string, current?: string | null): string | null;
export declare function buildIfStale(
  root: string,
  options?: { force?: boolean; compile?: (root: string) => number | null },
): number;

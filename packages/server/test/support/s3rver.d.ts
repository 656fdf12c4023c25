/** The little of s3rver (no types of its own) the tests use; see test/support/s3.ts. */
declare module 's3rver' {
  interface S3rverContext {
    method: string;
    path: string;
    headers: Record<string, string | undefined>;
    length: number;
    set(name: string, value: string): void;
    query: Record<string, string | string[] | undefined>;
    status: number;
    body: unknown;
    type: string;
  }
  type Middleware = (ctx: S3rverContext, next: () => Promise<void>) => Promise<void>;
  export default class S3rver {
    constructor(options: {
      address?: string;
      port?: number;
      directory?: string;
      silent?: boolean;
      configureBuckets?: { name: string }[];
    });
    /** Koa's middleware list, composed when the server starts. */
    middleware: Middleware[];
    store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}

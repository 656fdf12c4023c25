/**
 * Runs blob bookkeeping one piece at a time on this node: storing a finished upload's blobs
 * and pointing the upload at them, and the sweep's "delete unused blob rows, then their
 * files". Without it a sweep could delete a blob's file just as a new upload of the same bytes
 * found it already there and dropped its own copy. (Several nodes: the cluster step takes a
 * database lock here instead.)
 */
export class BlobLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }
}

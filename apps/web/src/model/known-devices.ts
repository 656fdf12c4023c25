/**
 * The `knownDevice` values this browser was given, one per account it signed in to (PROTOCOL.md,
 * login). Sent back with the next sign-in to that account, a value lets this browser in while
 * someone else is guessing the account's password: the server then skips the account's
 * slowdown and the limits on this address. So they outlive signing out — that is the point —
 * and are no secret worth more than that: the password is still needed.
 */
const key = 'parley.knownDevices';
/** A shared family computer may sign in to a few accounts; the oldest beyond this are forgotten. */
const kept = 20;

type Entries = [username: string, value: string][];

function load(): Entries {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(saved)
      ? saved.filter(
          (e): e is [string, string] =>
            Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

/** The value to send when signing in as `username`, if this browser has signed in as them before. */
export function knownDeviceFor(username: string): string | undefined {
  const name = username.trim().toLowerCase();
  return load().find(([u]) => u === name)?.[1];
}

/** Keeps the value a register or login answered for `username`, newest first. */
export function rememberKnownDevice(username: string, value: string): void {
  const name = username.toLowerCase();
  const entries = [[name, value], ...load().filter(([u]) => u !== name)].slice(0, kept);
  try {
    localStorage.setItem(key, JSON.stringify(entries));
  } catch {
    // Storage full or refused (private mode): the next sign-in is merely not recognised.
  }
}

/**
 * Whether opening a chat should put the caret in its composer. On a wide screen it saves the
 * click before typing; on a phone-sized one (the layout's 720 px breakpoint) focusing the box
 * would pop the on-screen keyboard over the messages the user came to read, so there the
 * composer waits for a tap.
 */
export function focusComposerOnOpen(): boolean {
  return window.matchMedia('(min-width: 721px)').matches;
}

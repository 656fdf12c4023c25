import type { Actor } from '../../access/session.ts';
import { hashToken, mediaTokenOf } from '../../auth/tokens.ts';
import type { Services } from '../../services.ts';
import { setMediaTokenHash } from '../../store/sessions.ts';

/**
 * The media credential for the caller's session (the `parley_media` cookie's value), made from
 * the bearer token it came with. Sessions opened since issue 16 hold its hash from the start;
 * older ones get it here, once.
 */
export async function issueMediaToken(
  services: Services,
  actor: Actor,
  bearerToken: string,
): Promise<string> {
  const mediaToken = mediaTokenOf(bearerToken);
  const hash = hashToken(mediaToken);
  if (actor.session.media_token_hash !== hash) {
    await setMediaTokenHash(services.store.db, actor.session.id, hash);
    actor.session.media_token_hash = hash;
  }
  return mediaToken;
}

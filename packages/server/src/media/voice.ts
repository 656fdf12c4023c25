import { parseFile } from 'music-metadata';
import { AppError } from '../errors.ts';
import { readWebm } from './webm.ts';

export interface VoiceInfo {
  durationMs: number;
  mime: 'audio/ogg' | 'audio/webm';
}

const notOpus = () =>
  new AppError('unsupported_media_type', 'a voice message must be Opus audio in Ogg or WebM');

/**
 * Checks that a file is an Opus voice clip in Ogg or WebM and reads how long it lasts.
 *
 * - Ogg: music-metadata reads the last page's granule position.
 * - WebM: read by `readWebm` (media/webm.ts), which also takes browsers' MediaRecorder output:
 *   Segment and Clusters of unknown size and no Duration (a live stream). It must hold only
 *   Opus audio tracks; the length is from the first Opus block's start to the last one's end.
 *   A header Duration, when there is one, is only the writer's claim and is not used: a clip
 *   with no blocks (cut off after its headers) has nothing to play and is refused.
 */
export async function probeVoice(input: string, maxDurationMs: number): Promise<VoiceInfo> {
  const found = (await probeWebm(input)) ?? (await probeOgg(input));
  const durationMs = Math.round(found.durationMs ?? 0);
  if (!(durationMs > 0))
    throw new AppError('unsupported_media_type', 'the voice message has no readable duration');
  if (durationMs > maxDurationMs) {
    throw new AppError(
      'too_large',
      `a voice message lasts at most ${Math.floor(maxDurationMs / 1000)} seconds`,
    );
  }
  return { durationMs, mime: found.mime };
}

type Probed = { mime: VoiceInfo['mime']; durationMs: number | undefined };

async function probeOgg(input: string): Promise<Probed> {
  let format;
  try {
    ({ format } = await parseFile(input, { duration: true, skipCovers: true }));
  } catch {
    throw notOpus();
  }
  if (format.container !== 'Ogg' || format.codec?.toLowerCase() !== 'opus' || format.hasVideo)
    throw notOpus();
  return {
    mime: 'audio/ogg',
    durationMs: format.duration === undefined ? undefined : format.duration * 1000,
  };
}

/** A WebM of Opus audio only; undefined when the file is no WebM at all (it starts otherwise). */
async function probeWebm(input: string): Promise<Probed | undefined> {
  const webm = await readWebm(input);
  if (!webm) return undefined;
  const { docType, tracks, spans } = webm;
  if (docType !== 'webm' || tracks.length === 0) throw notOpus();
  if (!tracks.every((t) => t.type === trackTypeAudio && t.codec === 'A_OPUS')) throw notOpus();
  const played = tracks.flatMap((t) => spans.get(t.number) ?? []);
  if (played.length === 0) return { mime: 'audio/webm', durationMs: undefined };
  const startMs = Math.min(...played.map((s) => s.startMs));
  const endMs = Math.max(...played.map((s) => s.endMs));
  return { mime: 'audio/webm', durationMs: endMs - startMs };
}

/** Matroska's TrackType for audio. */
const trackTypeAudio = 2;

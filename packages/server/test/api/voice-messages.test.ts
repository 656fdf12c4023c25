import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { befriend, people } from '../support/factories.ts';
import { dialects, useServer } from '../support/server.ts';
import { openSocket } from '../support/socket.ts';
import {
  download,
  expectRefusal,
  sendAttachment,
  sha256,
  uploadFile,
  uploadReady,
} from '../support/uploads.ts';
import { fixture } from '../media/support.ts';

/** An 8-byte EBML size of all ones: "unknown", as MediaRecorder writes its Segment and Clusters. */
const unknownSize = '01ffffffffffffff';
const segmentId = '18538067';
const clusterId = '1f43b675';

describe.each(dialects)('voice messages on %s', (dialect) => {
  const server = useServer(dialect);

  it('takes a voice message as Chromium records it, live-stream WebM and all, and tells its length', async () => {
    const recorded = readFileSync(fixture('voice-chromium.webm'));
    // The fixture is what Chromium's MediaRecorder wrote: no Duration, and the Segment and every
    // Cluster (one per 250 ms chunk) of unknown size.
    const hex = recorded.toString('hex');
    expect(hex).toContain(segmentId + unknownSize);
    const clusters = hex.split(clusterId).length - 1;
    expect(clusters).toBeGreaterThan(1);
    expect(hex.split(clusterId + unknownSize).length - 1).toBe(clusters);
    expect(recorded.includes(Buffer.from([0x44, 0x89]))).toBe(false); // no Duration element

    const [alice, bob] = await people(server(), 'alice', 'bob');
    const [withBob] = await befriend(server(), alice, bob);
    const voice = await uploadReady(server(), alice, {
      kind: 'voice',
      filename: 'voice.webm',
      bytes: recorded,
    });
    // 1,980 ms: what Chromium itself decodes the recording to (record-chromium.mjs).
    expect(voice).toMatchObject({
      kind: 'voice',
      mime: 'audio/webm',
      durationMs: 1980,
      size: recorded.length,
    });

    const bobSocket = await openSocket(server(), bob.token);
    const sent = await sendAttachment(server(), alice, withBob.conversationId, voice.id);
    expect(sent.status, sent.text).toBe(201);
    const heard = await bobSocket.waitForEvent('message.created', (m) => m.id === sent.body.id);
    expect(heard.data).toMatchObject({ kind: 'voice', senderId: alice.user.id });
    expect(heard.data.attachment).toMatchObject({ mime: 'audio/webm', durationMs: 1980 });
    const played = await download(server(), bob, heard.data.attachment.url);
    expect(played.headers.get('content-type')).toBe('audio/webm');
    expect(sha256(played.bytes)).toBe(sha256(recorded)); // stored as recorded, sizes unknown still
    await bobSocket.close();
  });

  it('still refuses, with 415, a WebM with no audio in it and EBML that is noise', async () => {
    const [alice] = await people(server(), 'alice');
    const recorded = readFileSync(fixture('voice-chromium.webm'));
    const firstCluster = recorded.indexOf(Buffer.from(clusterId, 'hex'));
    const cases: [string, Buffer, RegExp][] = [
      // Cut off after its headers: an Opus track, but nothing to play.
      ['headers only', recorded.subarray(0, firstCluster), /no readable duration/],
      // The EBML magic followed by noise.
      [
        'noise',
        Buffer.concat([recorded.subarray(0, 4), Buffer.alloc(600, 0xa5)]),
        /Opus audio in Ogg or WebM/,
      ],
    ];
    for (const [what, bytes, message] of cases) {
      const refused = await uploadFile(server(), alice, { kind: 'voice', filename: 'voice.webm', bytes });
      expectRefusal(refused, 415, 'unsupported_media_type');
      expect(refused.body.error.message, what).toMatch(message);
    }
  });
});

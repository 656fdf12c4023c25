import { randomUUID } from 'node:crypto';
import type { Upload } from '@parley/protocol';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Api } from './api.ts';

/** Test files made on the spot, so no binary fixtures are needed in apps/web. */

/** A PNG of the given size drawn by the browser: a gradient with a label, like a photo would be. */
export async function makePicture(page: Page, width: number, height: number, label: string): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([w, h, text]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext('2d')!;
      const fill = g.createLinearGradient(0, 0, w, h);
      fill.addColorStop(0, '#f6a04d');
      fill.addColorStop(1, '#6a3fd6');
      g.fillStyle = fill;
      g.fillRect(0, 0, w, h);
      g.fillStyle = '#fff';
      g.font = `bold ${Math.round(h / 8)}px sans-serif`;
      g.fillText(text, w / 10, h / 2);
      return canvas.toDataURL('image/png');
    },
    [width, height, label] as const,
  );
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** Uploads a picture over tus (two requests) and sends it with a caption, as a client would. */
export async function sendPicture(
  api: Api,
  conversationId: string,
  name: string,
  png: Buffer,
  caption: string,
) {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const created = await fetch(`${api.baseUrl}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${api.token}`,
      'tus-resumable': '1.0.0',
      'upload-length': String(png.length),
      'upload-metadata': `kind ${b64('image')},filename ${b64(name)}`,
    },
  });
  expect(created.status).toBe(201);
  const done = await fetch(new URL(created.headers.get('location')!, api.baseUrl), {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${api.token}`,
      'tus-resumable': '1.0.0',
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    body: new Uint8Array(png),
  });
  expect(done.status).toBe(200);
  const upload = (await done.json()) as Upload;
  await api.call('POST', `/conversations/${conversationId}/messages`, {
    clientMsgId: randomUUID(),
    attachmentId: upload.id,
    ...(caption && { text: caption }),
  });
}

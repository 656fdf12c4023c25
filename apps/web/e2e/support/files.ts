import type { Page } from '@playwright/test';

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

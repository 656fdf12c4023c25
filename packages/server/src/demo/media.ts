import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { textPdf } from './pdf.ts';
import type { Document, Picture, Voice } from './script.ts';

/** assets/demo: the SVGs and voice clips made for the demo (CC0; see its README). */
const assets = fileURLToPath(new URL('../../assets/demo/', import.meta.url));

/** An avatar SVG as the PNG a person would upload. */
export async function avatarPicture(file: string): Promise<Buffer> {
  return sharp(await readFile(assets + file))
    .png()
    .toBuffer();
}

/** A photo someone sends, as a JPEG (the server re-encodes it and makes the thumbnail). */
export async function picture(name: Picture): Promise<{ filename: string; bytes: Buffer }> {
  const bytes = await sharp(await readFile(`${assets}picture-${name}.svg`))
    .jpeg({ quality: 88 })
    .toBuffer();
  return { filename: `IMG_${name.replace('-', '_')}.jpg`, bytes };
}

/** A voice message, recorded as Opus in Ogg like a browser's recorder would. */
export async function voiceClip(name: Voice): Promise<{ filename: string; bytes: Buffer }> {
  return { filename: `voice-${name}.ogg`, bytes: await readFile(`${assets}voice-${name}.ogg`) };
}

/** A file someone shares. */
export function document(name: Document): { filename: string; bytes: Buffer } {
  return documents[name]();
}

const documents: Record<Document, () => { filename: string; bytes: Buffer }> = {
  'map-notes': () => ({
    filename: 'underworld-map-notes.pdf',
    bytes: textPdf('Underworld map - notes', [
      'North: the Dark Territory wall. Do not cross at night.',
      'East gate: opens only from the inside.',
      'Library: second floor, behind the tall shelves.',
      'Safe rooms: marked with a green tick on the map.',
      'Boss room (floor 74): top right, reached by the hidden passage.',
      '',
      '- K.',
    ]),
  }),
  'shortcake-recipe': () => ({
    filename: 'shortcake-recipe.pdf',
    bytes: textPdf('Strawberry shortcake', [
      'Sponge: 3 eggs, 90 g sugar, 90 g cake flour, 20 g butter.',
      'Beat the eggs and sugar until pale and thick (about 8 minutes).',
      'Fold in the flour, then the melted butter.',
      'Bake at 170 C for 25 minutes; cool, cut into two layers.',
      'Cream: 300 ml whipping cream, 25 g sugar, whipped to soft peaks.',
      'Fill with cream and sliced strawberries; top with whole ones.',
      '',
      'Chill for an hour before serving. - Asuna',
    ]),
  }),
  'shopping-list': () => ({
    filename: '购物清单 shopping list.txt',
    bytes: Buffer.from(
      [
        '草莓 strawberries ×2 盒',
        '淡奶油 whipping cream 300 ml',
        '低筋面粉 cake flour',
        '鸡蛋 eggs ×6',
        '细砂糖 caster sugar',
        '黄油 butter (unsalted)',
        '',
      ].join('\n'),
      'utf8',
    ),
  }),
};

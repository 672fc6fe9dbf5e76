import type { Card } from '../../../cards/model.js';
import { renderLarkCard } from '../../../cards/lark/render.js';
import { larkCardHtml } from './lark-card-html.js';

/**
 * A card as the sandbox shows it: the very Lark card JSON 2.0 the Lark platform would send, as
 * HTML. Where Lark would get an uploaded image's key, the sandbox puts the picture in the page.
 */
export function sandboxCardHtml(card: Card): string {
  const sources = new Map<string, string>();
  const json = renderLarkCard(card, {
    imageKey: (image) => {
      const key = `sandbox_img_${sources.size + 1}`;
      sources.set(key, `data:image/png;base64,${Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength).toString('base64')}`);
      return key;
    },
  });
  return larkCardHtml(json, { imageSrc: (key) => sources.get(key) });
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const GOOGLE_FONTS = /\s*<link[^>]*fonts\.googleapis\.com[^>]*>/g;

/**
 * Bull Board's page template with its Google Fonts stylesheet taken out: fonts.googleapis.com is
 * unreachable from mainland China and a blocked stylesheet holds up the page until it times out.
 * Made from the installed template at start-up, so its hashed asset names always match.
 */
export function bullBoardViewsWithoutGoogleFonts(): string {
  const require = createRequire(import.meta.url);
  const source = join(dirname(require.resolve('@bull-board/ui/package.json')), 'dist', 'index.ejs');
  const dir = join(tmpdir(), `xinfang-bull-board-views-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.ejs'), readFileSync(source, 'utf8').replace(GOOGLE_FONTS, ''));
  return dir;
}

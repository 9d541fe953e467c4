/** The page's own stylesheet and script, read once at start and served from memory. */
import type { Context } from '../../auth/provider-common.js';
import { readAssets } from '../../http/static-assets.js';

const ASSET_TYPES = {
  'consent.css': 'text/css; charset=utf-8',
  'consent.js': 'application/javascript; charset=utf-8',
};

/** Answers `name` when it is one of the page's assets; false for any other name. */
export type AssetSender = (ctx: Context, name: string) => boolean;

export function pageAssets(): AssetSender {
  const assets = readAssets(new URL('./assets/', import.meta.url), ASSET_TYPES);
  return (ctx, name) => {
    const asset = assets.get(name);
    if (!asset) return false;
    ctx.status = 200;
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = asset.body;
    return true;
  };
}

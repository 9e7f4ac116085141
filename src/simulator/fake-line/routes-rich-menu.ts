/**
 * Rich menu routes: create/get/list/delete, image upload and download (the data host's paths; in this fake
 * both hosts are one server), default menu, per-user links and aliases. Rules live in `RichMenuStore`.
 */
import type { FastifyInstance } from 'fastify';
import { LINE_ERROR, LineRefusal, notFound, refuseIfInvalid } from './line-errors';
import { header, param, route, type RouteContext } from './route-kit';
import { DetailCollector, isObject } from './validate-common';
import { validateRichMenu } from './validate-rich-menu';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

/** Registers every rich-menu route. */
export function registerRichMenuRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const menus = ctx.state.richMenus;

  route(app, 'POST', '/v2/bot/richmenu', 'richmenu.create', async (request) => {
    refuseIfInvalid(validateRichMenu(request.body));
    return { richMenuId: menus.create(request.body as Record<string, unknown>) };
  });

  route(app, 'GET', '/v2/bot/richmenu/list', 'richmenu.list', async () => ({ richmenus: menus.list() }));

  route(app, 'GET', '/v2/bot/richmenu/:richMenuId', 'richmenu.get', async (request) => menus.get(param(request, 'richMenuId')).menu);

  route(app, 'DELETE', '/v2/bot/richmenu/:richMenuId', 'richmenu.delete', async (request) => {
    menus.delete(param(request, 'richMenuId'));
    return {};
  });

  route(app, 'POST', '/v2/bot/richmenu/:richMenuId/content', 'richmenu.upload', async (request) => {
    const contentType = (header(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!IMAGE_TYPES.has(contentType) || !Buffer.isBuffer(request.body)) {
      throw new LineRefusal(415, { message: LINE_ERROR.unsupportedMediaType });
    }
    menus.upload(param(request, 'richMenuId'), request.body, contentType);
    return {};
  });

  route(app, 'GET', '/v2/bot/richmenu/:richMenuId/content', 'richmenu.download', async (request, reply) => {
    const image = menus.get(param(request, 'richMenuId')).image;
    if (!image) throw notFound();
    reply.header('content-type', image.contentType);
    return image.data;
  });

  route(app, 'POST', '/v2/bot/user/all/richmenu/:richMenuId', 'richmenu.setDefault', async (request) => {
    menus.setDefault(param(request, 'richMenuId'));
    return {};
  });

  route(app, 'GET', '/v2/bot/user/all/richmenu', 'richmenu.getDefault', async () => {
    const richMenuId = menus.defaultRichMenuId;
    if (richMenuId === undefined) throw notFound();
    return { richMenuId };
  });

  route(app, 'DELETE', '/v2/bot/user/all/richmenu', 'richmenu.cancelDefault', async () => {
    menus.cancelDefault();
    return {};
  });

  route(app, 'POST', '/v2/bot/user/:userId/richmenu/:richMenuId', 'richmenu.link', async (request) => {
    menus.link(param(request, 'userId'), param(request, 'richMenuId'));
    return {};
  });

  route(app, 'GET', '/v2/bot/user/:userId/richmenu', 'richmenu.getUser', async (request) => {
    const richMenuId = menus.linkedTo(param(request, 'userId'));
    if (richMenuId === undefined) throw notFound();
    return { richMenuId };
  });

  route(app, 'DELETE', '/v2/bot/user/:userId/richmenu', 'richmenu.unlink', async (request) => {
    menus.unlink(param(request, 'userId'));
    return {};
  });

  route(app, 'POST', '/v2/bot/richmenu/alias', 'richmenu.alias.create', async (request) => {
    const body = aliasBody(request.body, true);
    menus.createAlias(body.richMenuAliasId, body.richMenuId);
    return {};
  });

  route(app, 'GET', '/v2/bot/richmenu/alias/list', 'richmenu.alias.list', async () => ({ aliases: menus.aliases() }));

  route(app, 'POST', '/v2/bot/richmenu/alias/:aliasId', 'richmenu.alias.update', async (request) => {
    menus.updateAlias(param(request, 'aliasId'), aliasBody(request.body, false).richMenuId);
    return {};
  });

  route(app, 'GET', '/v2/bot/richmenu/alias/:aliasId', 'richmenu.alias.get', async (request) => {
    const richMenuAliasId = param(request, 'aliasId');
    return { richMenuAliasId, richMenuId: menus.alias(richMenuAliasId) };
  });

  route(app, 'DELETE', '/v2/bot/richmenu/alias/:aliasId', 'richmenu.alias.delete', async (request) => {
    menus.deleteAlias(param(request, 'aliasId'));
    return {};
  });
}

/** `CreateRichMenuAliasRequest` / `UpdateRichMenuAliasRequest`: string ids, the alias id only on create. */
function aliasBody(body: unknown, withAliasId: boolean): { richMenuAliasId: string; richMenuId: string } {
  const c = new DetailCollector();
  const obj = isObject(body) ? body : {};
  const richMenuAliasId = withAliasId ? c.string(obj, 'richMenuAliasId', '', { required: true }) : '';
  const richMenuId = c.string(obj, 'richMenuId', '', { required: true });
  refuseIfInvalid(c.details);
  return { richMenuAliasId: richMenuAliasId ?? '', richMenuId: richMenuId ?? '' };
}

import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Person } from '../../../domain/model.js';
import { areaLeaderProblem, leaderInChargeProblem, linkedLeaderProblem, UNIT_KIND_LABELS, UNIT_KINDS } from '../../../domain/organisation.js';
import { createArea, updateArea } from '../../../usecases/admin/save-area.js';
import { createUnit, updateUnit } from '../../../usecases/admin/save-unit.js';
import { createVillage, updateVillage } from '../../../usecases/admin/save-village.js';
import { pageContext, type ConsoleDeps } from '../context.js';
import { html } from '../html.js';
import { page } from '../layout.js';
import { adminNav, byName, consoleActor, csrfField, field, flash, options, requireAllowed, submit } from './admin-forms.js';

const PAGE = '/console/admin/units';

/**
 * 单位·片区·村: responsible units with their head and leader in charge, areas with their leader
 * (包片领导), villages with their area and linked leader (R15). Each row is its own form.
 */
export function adminUnitsRoutes(router: Router, c: ConsoleDeps): void {
  router.get(PAGE, async (ctx) => {
    requireAllowed(ctx, 'MANAGE_PEOPLE');
    const people = byName(await c.deps.uow.read((repos) => repos.organisation.allPeople()));
    const units = byName(await c.deps.uow.read((repos) => repos.directory.units()));
    const areas = byName(await c.deps.uow.read((repos) => repos.organisation.areas()));
    const villages = byName(await c.deps.uow.read((repos) => repos.organisation.allVillages()));
    const villageName = new Map(villages.map((v) => [v.id, v.name]));
    const committeeOf = new Map(units.filter((u) => u.villageId).map((u) => [u.villageId!, u.name]));
    // Candidates for a post: people the rule of the post accepts, plus whoever holds it now (even if no longer eligible).
    const pick = (problem: (p: Person) => string | null, current: string | null) =>
      people.filter((p) => p.id === current || problem(p) === null).map((p) => ({ value: p.id, label: p.active ? p.name : `${p.name}（已停用）` }));
    const anyone = (p: Person) => (p.active ? null : '已停用');
    const csrf = csrfField(ctx);
    ctx.body = page(
      '单位·片区·村',
      pageContext(ctx, 'admin'),
      html`${adminNav(PAGE)}${flash(ctx)}
<section class="card" id="units">
  <h2>责任单位</h2>
  <table><thead><tr><th>名称</th><th>类型</th><th>所属村</th><th>主要负责人</th><th>分管领导</th><th></th></tr></thead><tbody>
  ${units.map((u) => {
    const f = `unit-${u.id}`;
    return html`<tr>
<td><input form="${f}" name="name" value="${u.name}" maxlength="40" required></td>
<td><select form="${f}" name="kind">${options(kindOptions, u.kind)}</select></td>
<td>${u.villageId ? (villageName.get(u.villageId) ?? '') : ''}</td>
<td><select form="${f}" name="headId">${options(pick(anyone, u.headId), u.headId, '（未设置）')}</select></td>
<td><select form="${f}" name="leaderInChargeId">${options(pick(leaderInChargeProblem, u.leaderInChargeId), u.leaderInChargeId, '（未设置）')}</select></td>
<td><form id="${f}" method="post" action="${PAGE}/${u.id}">${csrf}<button type="submit" class="secondary">保存</button></form></td></tr>`;
  })}
  </tbody></table>
  <h3>新增单位</h3>
  <form method="post" action="${PAGE}" class="admin-form">${csrf}<div class="fields">
    <label>名称<input name="name" maxlength="40" required></label>
    <label>类型<select name="kind">${options(kindOptions, 'DEPARTMENT')}</select></label>
    <label>所属村（仅村委会）<select name="villageId">${options(villages.filter((v) => !committeeOf.has(v.id)).map((v) => ({ value: v.id, label: v.name })), null, '（无）')}</select></label>
    <label>主要负责人<select name="headId">${options(pick(anyone, null), null, '（未设置）')}</select></label>
    <label>分管领导<select name="leaderInChargeId">${options(pick(leaderInChargeProblem, null), null, '（未设置）')}</select></label>
  </div><button type="submit">新增单位</button></form>
</section>
<section class="card" id="areas">
  <h2>片区</h2>
  <table><thead><tr><th>名称</th><th>包片领导</th><th>村</th><th></th></tr></thead><tbody>
  ${areas.map((a) => {
    const f = `area-${a.id}`;
    return html`<tr>
<td><input form="${f}" name="name" value="${a.name}" maxlength="40" required></td>
<td><select form="${f}" name="areaLeaderId">${options(pick(areaLeaderProblem, a.leaderId), a.leaderId, '（未设置）')}</select></td>
<td>${villages.filter((v) => v.areaId === a.id).map((v) => v.name).join('、')}</td>
<td><form id="${f}" method="post" action="/console/admin/areas/${a.id}">${csrf}<button type="submit" class="secondary">保存</button></form></td></tr>`;
  })}
  </tbody></table>
  <h3>新增片区</h3>
  <form method="post" action="/console/admin/areas" class="admin-form">${csrf}<div class="fields">
    <label>名称<input name="name" maxlength="40" required></label>
    <label>包片领导<select name="areaLeaderId">${options(pick(areaLeaderProblem, null), null, '（未设置）')}</select></label>
  </div><button type="submit">新增片区</button></form>
</section>
<section class="card" id="villages">
  <h2>村（社区）</h2>
  <p class="note">联系村领导须为镇党政领导，每月至少下访一次（R15）；包片领导对片区内各村同样负有下访责任。</p>
  <table><thead><tr><th>名称</th><th>片区</th><th>联系村领导</th><th>村委会</th><th></th></tr></thead><tbody>
  ${villages.map((v) => {
    const f = `village-${v.id}`;
    return html`<tr>
<td><input form="${f}" name="name" value="${v.name}" maxlength="40" required></td>
<td><select form="${f}" name="areaId">${options(areaOptions(areas), v.areaId)}</select></td>
<td><select form="${f}" name="linkedLeaderId">${options(pick(linkedLeaderProblem, v.linkedLeaderId), v.linkedLeaderId, '（未设置）')}</select></td>
<td>${committeeOf.get(v.id) ?? ''}</td>
<td><form id="${f}" method="post" action="/console/admin/villages/${v.id}">${csrf}<button type="submit" class="secondary">保存</button></form></td></tr>`;
  })}
  </tbody></table>
  <h3>新增村（社区）</h3>
  ${
    areas.length === 0
      ? html`<p class="note">请先新增片区。</p>`
      : html`<form method="post" action="/console/admin/villages" class="admin-form">${csrf}<div class="fields">
    <label>名称<input name="name" maxlength="40" required></label>
    <label>片区<select name="areaId">${options(areaOptions(areas), null, '请选择')}</select></label>
    <label>联系村领导<select name="linkedLeaderId">${options(pick(linkedLeaderProblem, null), null, '（未设置）')}</select></label>
  </div><button type="submit">新增村</button></form>`
  }
</section>`,
    ).toString();
  });

  router.post(PAGE, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { unit } = await createUnit(c.deps, consoleActor(ctx), { ...named(ctx, 'name', 'kind', 'headId', 'leaderInChargeId'), villageId: field(ctx, 'villageId') });
      return `已新增单位：${unit.name}`;
    });
  });
  router.post(`${PAGE}/:id`, async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { unit, changed } = await updateUnit(c.deps, consoleActor(ctx), { unitId: ctx.params.id, ...named(ctx, 'name', 'kind', 'headId', 'leaderInChargeId') });
      return changed ? `已保存单位：${unit.name}` : '内容没有变化，未作修改';
    });
  });
  router.post('/console/admin/areas', async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { area } = await createArea(c.deps, consoleActor(ctx), named(ctx, 'name', 'areaLeaderId'));
      return `已新增片区：${area.name}`;
    });
  });
  router.post('/console/admin/areas/:id', async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { area, changed } = await updateArea(c.deps, consoleActor(ctx), { areaId: ctx.params.id, ...named(ctx, 'name', 'areaLeaderId') });
      return changed ? `已保存片区：${area.name}` : '内容没有变化，未作修改';
    });
  });
  router.post('/console/admin/villages', async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { village } = await createVillage(c.deps, consoleActor(ctx), named(ctx, 'name', 'areaId', 'linkedLeaderId'));
      return `已新增村：${village.name}`;
    });
  });
  router.post('/console/admin/villages/:id', async (ctx) => {
    await submit(ctx, PAGE, async () => {
      const { village, changed } = await updateVillage(c.deps, consoleActor(ctx), { villageId: ctx.params.id, ...named(ctx, 'name', 'areaId', 'linkedLeaderId') });
      return changed ? `已保存村：${village.name}` : '内容没有变化，未作修改';
    });
  });
}

const kindOptions = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

const areaOptions = (areas: { id: string; name: string }[]) => areas.map((a) => ({ value: a.id, label: a.name }));

/** The posted fields of a form, by name (missing ones stay undefined: the use case keeps them). */
function named(ctx: Context, ...names: string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((n) => [n, field(ctx, n)]));
}

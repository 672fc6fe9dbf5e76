import type Router from '@koa/router';
import type { Context } from 'koa';
import { ROLE_LABELS } from '../../../../cards/labels.js';
import { ROLES, type Person, type Role } from '../../../domain/model.js';
import { createPerson } from '../../../usecases/admin/create-person.js';
import { LINKABLE_PLATFORMS, linkPlatformIdentity, PLATFORM_LABELS, unlinkPlatformIdentity } from '../../../usecases/admin/platform-identity.js';
import { setPersonActive } from '../../../usecases/admin/set-person-active.js';
import { updatePerson } from '../../../usecases/admin/update-person.js';
import { linkPersonVillage, unlinkPersonVillage } from '../../../usecases/admin/person-village.js';
import { VILLAGE_RELATION_LABELS, VILLAGE_RELATIONS } from '../../../domain/organisation.js';
import type { Unit } from '../../../usecases/ports.js';
import type { LinkedAccount } from '../../../usecases/ports/platform.js';
import { pageContext, state, type ConsoleDeps } from '../context.js';
import { html, raw, type SafeHtml } from '../html.js';
import { page } from '../layout.js';
import { adminNav, byName, consoleActor, csrfField, field, flash, options, requireAllowed, submit, yesNoField } from './admin-forms.js';

const LIST = '/console/admin/people';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const PLATFORM_NAMES: Record<string, string> = { ...PLATFORM_LABELS, SANDBOX: '沙盒' };

/** 人员与角色: the township's people, their unit, roles and chat accounts; added, corrected, deactivated (never deleted). */
export function adminPeopleRoutes(router: Router, c: ConsoleDeps): void {
  router.get(LIST, async (ctx) => {
    requireAllowed(ctx, 'MANAGE_PEOPLE');
    const people = byName(await c.deps.uow.read((repos) => repos.organisation.allPeople()));
    const units = byName(await c.deps.uow.read((repos) => repos.directory.units()));
    const accounts = await c.deps.uow.read((repos) => repos.identities.all());
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const sorted = [...people.filter((p) => p.active), ...people.filter((p) => !p.active)];
    ctx.body = page(
      '人员与角色',
      pageContext(ctx, 'admin'),
      html`${adminNav(LIST)}${flash(ctx)}
<section class="card">
  <h2>人员（${people.filter((p) => p.active).length} 人在用${people.some((p) => !p.active) ? `，${people.filter((p) => !p.active).length} 人已停用` : ''}）</h2>
  <table><thead><tr><th>姓名</th><th>职务</th><th>单位</th><th>角色</th><th>手机号</th><th>邮箱</th><th>平台账号</th><th>状态</th><th></th></tr></thead><tbody>
  ${sorted.map(
    (p) => html`<tr class="${p.active ? '' : 'inactive'}"><td>${p.name}</td><td>${p.title ?? ''}</td><td>${p.unitId ? (unitName.get(p.unitId) ?? '') : ''}</td>
<td>${roleText(p.roles)}</td><td>${p.mobile ?? ''}</td><td>${p.email ?? ''}</td>
<td>${accountsText(accounts.filter((a) => a.personId === p.id))}</td><td>${p.active ? '在用' : '已停用'}</td>
<td><a href="${LIST}/${p.id}">编辑</a></td></tr>`,
  )}
  </tbody></table>
</section>
<section class="card">
  <h2>新增人员</h2>
  <form method="post" action="${LIST}" class="admin-form">
    ${csrfField(ctx)}
    ${personFields(null, units)}
    <button type="submit">新增</button>
  </form>
</section>`,
    ).toString();
  });

  router.get(`${LIST}/:id`, async (ctx) => {
    requireAllowed(ctx, 'MANAGE_PEOPLE');
    const id = ctx.params.id!;
    const person = uuid.test(id) ? await c.deps.uow.read((repos) => repos.directory.person(id)) : null;
    if (!person) return void (ctx.status = 404);
    const units = byName(await c.deps.uow.read((repos) => repos.directory.units()));
    const accounts = (await c.deps.uow.read((repos) => repos.identities.all())).filter((a) => a.personId === person.id);
    const self = person.id === state(ctx).viewer.id;
    const back = `${LIST}/${person.id}`;
    const villages = byName(await c.deps.uow.read((repos) => repos.directory.villages()));
    const villageName = new Map(villages.map((v) => [v.id, v.name]));
    const links = (await c.deps.uow.read((repos) => repos.organisation.villageLinks())).filter((l) => l.personId === person.id);
    ctx.body = page(
      `人员：${person.name}`,
      pageContext(ctx, 'admin'),
      html`${adminNav(LIST)}${flash(ctx)}
<p><a href="${LIST}">← 返回人员列表</a></p>
<section class="card">
  <h2>基本信息、单位和角色</h2>
  <form method="post" action="${back}" class="admin-form">
    ${csrfField(ctx)}
    ${personFields(person, units)}
    <button type="submit">保存</button>
  </form>
</section>
<section class="card">
  <h2>账号状态：${person.active ? '在用' : '已停用'}</h2>
  ${
    person.active
      ? html`<p class="note">人员离岗时停用账号（不删除：案件、值班记录和审计日志仍引用此人）。停用后不能再使用机器人和工作台，也不再出现在各类人员选择中；其担任的包案、联系村等请另行调整。</p>`
      : html`<p class="note">启用后可重新使用机器人和工作台。</p>`
  }
  ${
    self
      ? html`<p class="note">不能停用您自己的账号。</p>`
      : html`<form method="post" action="${back}/active">${csrfField(ctx)}<input type="hidden" name="active" value="${person.active ? '0' : '1'}">
    <button type="submit" class="${person.active ? 'secondary' : ''}">${person.active ? '停用账号' : '启用账号'}</button></form>`
  }
</section>
<section class="card">
  <h2>平台账号</h2>
  ${
    accounts.length === 0
      ? html`<p class="empty">尚未绑定平台账号：机器人还不认识此人。可在飞书中由管理员执行通讯录同步（按手机号、邮箱匹配），或在下方手动绑定。</p>`
      : html`<table><thead><tr><th>平台</th><th>open_id</th><th>user_id</th><th>union_id</th><th></th></tr></thead><tbody>
  ${accounts.map(
    (a) => html`<tr><td>${PLATFORM_NAMES[a.platform] ?? a.platform}</td><td>${a.openId ?? ''}</td><td>${a.userId ?? ''}</td><td>${a.unionId ?? ''}</td>
<td>${
      (LINKABLE_PLATFORMS as readonly string[]).includes(a.platform)
        ? html`<form method="post" action="${back}/identities/unlink">${csrfField(ctx)}<input type="hidden" name="platform" value="${a.platform}"><button type="submit" class="secondary">解除绑定</button></form>`
        : ''
    }</td></tr>`,
  )}
  </tbody></table>`
  }
  <h3>绑定账号</h3>
  <form method="post" action="${back}/identities" class="admin-form">
    ${csrfField(ctx)}
    <div class="fields">
      <label>平台<select name="platform">${options(LINKABLE_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] })), 'LARK')}</select></label>
      <label>open_id<input name="openId" maxlength="64" placeholder="ou_…"></label>
      <label>user_id<input name="userId" maxlength="64"></label>
    </div>
    <button type="submit">绑定</button>
  </form>
  <p class="note">至少填写一项；留空的项保留原值。一个平台账号只能绑定一人，如需更换请先解除原绑定。</p>
</section>
<section class="card">
  <h2>联系的村（社区）</h2>
  <p class="note">驻村干部和村干部在本村发生重大事项时收到预警并须到场（R18）；民情信息员报送的民情信息送达本村片区领导和信访办（R16）。须先具备相应角色。</p>
  ${
    links.length === 0
      ? html`<p class="empty">尚未联系任何村</p>`
      : html`<table><thead><tr><th>村（社区）</th><th>关系</th><th></th></tr></thead><tbody>${links.map(
          (l) => html`<tr><td>${villageName.get(l.villageId) ?? ''}</td><td>${VILLAGE_RELATION_LABELS[l.relation]}</td>
<td><form method="post" action="${back}/villages/unlink">${csrfField(ctx)}<input type="hidden" name="villageId" value="${l.villageId}"><input type="hidden" name="relation" value="${l.relation}"><button type="submit" class="secondary">解除</button></form></td></tr>`,
        )}</tbody></table>`
  }
  <form method="post" action="${back}/villages" class="admin-form">
    ${csrfField(ctx)}
    <div class="fields">
      <label>村（社区）<select name="villageId">${options(villages.map((v) => ({ value: v.id, label: v.name })), undefined)}</select></label>
      <label>关系<select name="relation">${options(VILLAGE_RELATIONS.map((r) => ({ value: r, label: VILLAGE_RELATION_LABELS[r] })), undefined)}</select></label>
    </div>
    <button type="submit">添加</button>
  </form>
</section>`,
    ).toString();
  });

  router.post(LIST, async (ctx) => {
    await submit(ctx, LIST, async () => {
      const { person } = await createPerson(c.deps, consoleActor(ctx), personForm(ctx));
      return `已新增人员：${person.name}`;
    });
  });

  router.post(`${LIST}/:id`, async (ctx) => {
    const personId = ctx.params.id!;
    await submit(ctx, back(personId), async () => {
      const { person, changed } = await updatePerson(c.deps, consoleActor(ctx), { personId, ...personForm(ctx) });
      return changed ? `已保存${person.name}的信息` : '内容没有变化，未作修改';
    });
  });

  router.post(`${LIST}/:id/active`, async (ctx) => {
    const personId = ctx.params.id!;
    await submit(ctx, back(personId), async () => {
      const { person, changed } = await setPersonActive(c.deps, consoleActor(ctx), { personId, active: yesNoField(ctx, 'active') });
      if (!changed) return `${person.name}的账号本来就${person.active ? '在用' : '已停用'}`;
      return person.active ? `已启用${person.name}的账号` : `已停用${person.name}的账号`;
    });
  });

  router.post(`${LIST}/:id/identities`, async (ctx) => {
    const personId = ctx.params.id!;
    await submit(ctx, back(personId), async () => {
      const platform = field(ctx, 'platform');
      await linkPlatformIdentity(c.deps, consoleActor(ctx), { personId, platform, openId: field(ctx, 'openId'), userId: field(ctx, 'userId') });
      return `已绑定${PLATFORM_NAMES[platform ?? ''] ?? ''}账号`;
    });
  });

  router.post(`${LIST}/:id/villages`, async (ctx) => {
    const personId = ctx.params.id!;
    await submit(ctx, back(personId), async () => {
      const { changed } = await linkPersonVillage(c.deps, consoleActor(ctx), { personId, villageId: field(ctx, 'villageId'), relation: field(ctx, 'relation') });
      return changed ? '已添加联系村' : '该联系已存在，未作修改';
    });
  });

  router.post(`${LIST}/:id/villages/unlink`, async (ctx) => {
    const personId = ctx.params.id!;
    await submit(ctx, back(personId), async () => {
      const { changed } = await unlinkPersonVillage(c.deps, consoleActor(ctx), { personId, villageId: field(ctx, 'villageId'), relation: field(ctx, 'relation') });
      return changed ? '已解除联系村' : '该联系已不存在';
    });
  });

  router.post(`${LIST}/:id/identities/unlink`, async (ctx) => {
    const personId = ctx.params.id!;
    await submit(ctx, back(personId), async () => {
      const platform = field(ctx, 'platform');
      await unlinkPlatformIdentity(c.deps, consoleActor(ctx), { personId, platform });
      return `已解除${PLATFORM_NAMES[platform ?? ''] ?? ''}账号绑定`;
    });
  });
}

/** Back to the person's page, or to the list when the id in the path is not one. */
const back = (personId: string) => (uuid.test(personId) ? `${LIST}/${personId}` : LIST);

function personForm(ctx: Context) {
  return {
    name: field(ctx, 'name'),
    jobTitle: field(ctx, 'jobTitle'),
    mobile: field(ctx, 'mobile'),
    email: field(ctx, 'email'),
    unitId: field(ctx, 'unitId'),
    roles: state(ctx).form.getAll('roles'),
  };
}

function personFields(p: Person | null, units: Unit[]): SafeHtml {
  return html`<div class="fields">
  <label>姓名<input name="name" value="${p?.name ?? ''}" maxlength="30" required></label>
  <label>职务<input name="jobTitle" value="${p?.title ?? ''}" maxlength="50" placeholder="如：镇党委副书记"></label>
  <label>手机号<input name="mobile" value="${p?.mobile ?? ''}" maxlength="11" inputmode="numeric"></label>
  <label>邮箱<input name="email" type="email" value="${p?.email ?? ''}" maxlength="100"></label>
  <label>单位<select name="unitId">${options(units.map((u) => ({ value: u.id, label: u.name })), p?.unitId, '（无）')}</select></label>
</div>
<fieldset class="roles"><legend>角色</legend>
  ${ROLES.map((r) => html`<label class="check"><input type="checkbox" name="roles" value="${r}"${p?.roles.includes(r) ? raw(' checked') : ''}>${ROLE_LABELS[r]}</label>`)}
</fieldset>`;
}

function roleText(roles: Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join('、');
}

function accountsText(accounts: LinkedAccount[]): SafeHtml {
  return html`${accounts.map((a) => html`<div>${PLATFORM_NAMES[a.platform] ?? a.platform}：${a.openId ?? a.userId ?? a.unionId ?? ''}</div>`)}`;
}

import { beforeAll, expect, it } from 'vitest';
import { createClient } from '../core/clients/create-client.ts';
import { getClient } from '../core/clients/get-client.ts';
import { listClients } from '../core/clients/list-clients.ts';
import { updateClient } from '../core/clients/update-client.ts';
import type { FirmConfig } from '../core/firm/index.ts';
import { createCrm, type Crm } from '../core/crm.ts';
import { CrmError } from '../core/errors.ts';
import { describeEngines } from './engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

/** The demo config with the person schema changed by `edit`. */
function withPerson(edit: (person: { properties: Record<string, unknown>; required: string[] }) => void): FirmConfig {
  const config = structuredClone(demoConfig());
  edit(config.clients.fields.person as never);
  return config;
}

describeEngines('clients: the field schema changes under stored clients', (database) => {
  let f: SmallFirm;
  let id: string;
  const later = (config: FirmConfig): Promise<Crm> => createCrm({ config, database: database(), clock: f.clock });
  beforeAll(async () => {
    f = await smallFirm(database());
    const c = await createClient(f.crm.system(), {
      kind: 'person',
      type: 'private',
      ownerId: f.users.anna.id,
      data: { firstName: 'Ola', lastName: 'Stara', city: 'Gdańsk', employment: 'emerytura' },
    });
    id = c.id;
  });

  it('a new optional field: stored clients read as before, without it; it can be set on the next edit', async () => {
    const crm = await later(
      withPerson((p) => {
        p.properties.nickname = { type: 'string', maxLength: 40 };
      }),
    );
    const c = await getClient(crm.system(), id);
    expect(c.data).toEqual({ firstName: 'Ola', lastName: 'Stara', city: 'Gdańsk', employment: 'emerytura' });
    const edited = await updateClient(crm.system(), id, { version: c.version, data: { nickname: 'Olka' } });
    expect(edited.data.nickname).toBe('Olka');
  });

  it('a removed field: kept in storage untouched, not shown, not validated, back when the field returns', async () => {
    const crm = await later(
      withPerson((p) => {
        delete p.properties.employment;
      }),
    );
    const c = await getClient(crm.system(), id);
    expect(c.data).not.toHaveProperty('employment');
    const edited = await updateClient(crm.system(), id, { version: c.version, data: { lastName: 'Nowa' } });
    expect(edited.data).not.toHaveProperty('employment');
    const [row] = await database().raw('select data from clients where id = ?', [id]);
    const stored = typeof row!.data === 'string' ? JSON.parse(row!.data) : row!.data;
    expect(stored.employment).toBe('emerytura');
    // Setting the removed field is an unknown field now.
    const e = await updateClient(crm.system(), id, { version: edited.version, data: { employment: 'inne' } }).catch(
      (x: CrmError) => x,
    );
    expect((e as CrmError).status).toBe(422);
    expect((await getClient(f.crm.system(), id)).data.employment).toBe('emerytura');
  });

  it('a field made required: reads and lists still work; the next edit must supply it', async () => {
    const crm = await later(
      withPerson((p) => {
        p.required = [...p.required, 'phone'];
      }),
    );
    const sys = crm.system();
    const c = await getClient(sys, id);
    expect(c.data).not.toHaveProperty('phone');
    expect((await listClients(sys, { limit: 200 })).items.map((x) => x.id)).toContain(id);
    const e = await updateClient(sys, id, { version: c.version, data: { firstName: 'Aleksandra' } }).catch(
      (x: CrmError) => x,
    );
    expect((e as CrmError).status).toBe(422);
    expect((e as CrmError).details?.problems).toEqual([expect.objectContaining({ path: '/data/phone' })]);
    const ok = await updateClient(sys, id, {
      version: c.version,
      data: { firstName: 'Aleksandra', phone: '600 700 800' },
    });
    expect(ok.data).toMatchObject({ firstName: 'Aleksandra', phone: '+48600700800' });
  });
});

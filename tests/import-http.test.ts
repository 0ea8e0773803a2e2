/**
 * `/api/imports` on the real app: upload a Polish CSV, get the guessed mapping, dry-run a corrected
 * mapping, import (202) and follow the progress to the end, review, list, undo; a file over 50 MB
 * is 413 with the JSON error shape; an advisor without `clients:import` gets 403.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { pesel, windows1250 } from './fixtures/cp1250.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('client import over HTTP', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const bearer: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    for (const email of ['admin@kredyt-dom.pl', 'anna.nowak@kredyt-dom.pl']) {
      const res = await app.request('/api/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      bearer[email] = { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
    }
  });
  const admin = () => bearer['admin@kredyt-dom.pl']!;
  const json = () => ({ 'content-type': 'application/json', ...admin() });

  it('uploads, dry-runs a corrected mapping, imports with progress, reviews and undoes', async () => {
    const csv =
      'Imię;Nazwisko;Nr PESEL klienta;Komórka;Dochód\r\n' +
      `Łucja;Żółkiewska;${pesel(11, 77)};600 100 200;5 400,50\r\n` +
      `Jerzy;Zły;77010112345;600 100 201;1\r\n` +
      `Świętosław;Ćwik;${pesel(12, 77)};600 100 200;7000\r\n`;
    const up = await app.request('/api/imports/uploads?fileName=klienci.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...admin() },
      body: windows1250(csv),
    });
    expect(up.status).toBe(201);
    const upload = (await up.json()) as { uploadId: string; mapping: Record<string, string>; encoding: string };
    expect(upload).toMatchObject({ encoding: 'windows-1250', rows: 3, savedMapping: false });
    expect(upload.mapping).toEqual({
      Imię: 'firstName',
      Nazwisko: 'lastName',
      Komórka: 'phone',
      Dochód: 'netMonthlyIncomeMinor',
    });

    const mapping = { ...upload.mapping, 'Nr PESEL klienta': 'pesel' };
    const dry = await app.request(`/api/imports/uploads/${upload.uploadId}/dry-run`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ mapping }),
    });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({
      total: 3,
      valid: 1,
      duplicates: 1,
      errors: 1,
      problems: [
        { row: 3, column: 'Nr PESEL klienta', field: 'pesel' },
        { row: 4, column: 'Komórka', field: 'phone', message: 'the same phone as row 2', duplicate: true },
      ],
    });

    const started = await app.request('/api/imports', {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ uploadId: upload.uploadId, mapping, ownerId: f.users.anna.id }),
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    let progress: { status: string; processed: number; imported: number } = {
      status: 'running',
      processed: 0,
      imported: 0,
    };
    for (let i = 0; i < 600 && progress.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50)); // the import runs after the 202; wait for its end (max 30 s)
      progress = (await (
        await app.request(`/api/imports/${id}/progress`, { headers: admin() })
      ).json()) as typeof progress;
    }
    expect(progress).toMatchObject({ status: 'done', rows: 3, processed: 3, imported: 1, duplicates: 1, errors: 1 });
    const review = (await (await app.request(`/api/imports/${id}`, { headers: admin() })).json()) as Record<
      string,
      unknown
    >;
    expect(review).toMatchObject({ fileName: 'klienci.csv', encoding: 'windows-1250', mapping, status: 'done' });
    expect(review.problems).toHaveLength(2);
    const listed = (await (await app.request('/api/imports', { headers: admin() })).json()) as {
      items: Array<{ id: string }>;
    };
    expect(listed.items.map((i) => i.id)).toContain(id);

    // The same header again: the confirmed mapping comes back.
    const again = await app.request('/api/imports/uploads?fileName=klienci-2.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...admin() },
      body: windows1250(csv),
    });
    expect(await again.json()).toMatchObject({ savedMapping: true, mapping });

    const undo = await app.request(`/api/imports/${id}/undo`, { method: 'POST', headers: admin() });
    expect(undo.status).toBe(200);
    expect(await undo.json()).toMatchObject({ removed: 1, import: { status: 'undone' } });
    const twice = await app.request(`/api/imports/${id}/undo`, { method: 'POST', headers: admin() });
    expect(twice.status).toBe(409);
  });

  it('refuses a file over 50 MB with 413 in the JSON error shape, before reading it', async () => {
    const res = await app.request('/api/imports/uploads?fileName=big.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'content-length': String(50 * 1024 * 1024 + 1), ...admin() },
      body: 'Imię;Nazwisko\n',
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large', details: { maxBytes: 52428800 } } });
  });

  it('an advisor may not import (403), and an unknown upload is 404', async () => {
    const res = await app.request('/api/imports/uploads?fileName=x.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...bearer['anna.nowak@kredyt-dom.pl']! },
      body: 'Imię;Nazwisko\nJan;Nowy\n',
    });
    expect(res.status).toBe(403);
    const dry = await app.request(`/api/imports/uploads/u_${'0'.repeat(32)}/dry-run`, {
      method: 'POST',
      headers: json(),
      body: '{}',
    });
    expect(dry.status).toBe(404);
  });
});

// forms.mjs - report forms a user may still write, found in their due list (/reports) the way
// they would find them: the yearly regime's rows (I01…I14 and the narrative) not yet overdue,
// each opened to check it is not locked. The demo's periods follow today, so a test that picks
// its form here holds on whatever day the suite runs (a fixed period locks once its deadline
// and grace pass).

// Keys "regime/period/unit" of up to `want` writable yearly forms of c, in the list's order;
// `status` (a RegExp), when given, must match the row's text (e.g. /Chưa nhập|Bản nháp/).
export async function writableYearlyForms(c, { want = 1, status } = {}) {
  const keys = [];
  for (const page of ['/reports', '/reports?sort=new']) {
    for (const row of (await c.get(page)).text.split('<tr>')) {
      const m = row.match(/href="\/reports\/(\d+\/\d+\/\d+)"/);
      if (!m || keys.includes(m[1]) || !/Báo cáo năm/.test(row) || /class="overdue"/.test(row)) continue;
      if (status && !status.test(row.replace(/<[^>]+>/g, ' '))) continue;
      if (!/name="version"/.test((await c.get(`/reports/${m[1]}`)).text)) continue; // locked
      keys.push(m[1]);
      if (keys.length >= want) return keys;
    }
  }
  return keys;
}

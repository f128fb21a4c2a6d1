// Benchmarks that need features from later issues, each as { id, run(tools) } returning result rows.

/**
 * #1: Salesforce list view with 100, 1,000 and 5,000 rows, from rows in the DOM to every row marked
 * (a marker whose state is no longer `pending`, i.e. after the one batch round trip to the
 * background). Baseline in the same run: a minimal page script that, on the same mutation, finds
 * the rows and appends one element to each.
 */
const listMarking = {
  id: 1,
  async run({ make, withContext, median, round, RUNS, rowsHtml, emptyListPage, listUrl }) {
    const sizes = [100, 1000, 5000];
    const results = [];
    const perRow = {};
    for (const size of sizes) {
      const url = listUrl(`Empty${size}`);
      const routes = [{ url, body: emptyListPage() }];
      const html = rowsHtml(size);
      const measure = async (context, baseline) => {
        const page = await context.newPage();
        const out = [];
        for (let i = 0; i < RUNS; i++) {
          await page.goto(url);
          await page.waitForTimeout(300); // let the content script settle on the empty list
          out.push(
            await page.evaluate(
              ({ rows, count, baseline: base }) =>
                new Promise((resolve) => {
                  const tbody = document.getElementById('rows');
                  const t0 = performance.now();
                  if (base) {
                    new MutationObserver((_, obs) => {
                      for (const tr of document.querySelectorAll('tr[data-row-key-value]')) {
                        const mark = document.createElement('span');
                        mark.setAttribute('data-bench', 'row');
                        mark.textContent = '•';
                        tr.querySelector('th')?.append(mark);
                      }
                      obs.disconnect();
                      requestAnimationFrame(() => resolve(performance.now() - t0));
                    }).observe(tbody, { childList: true });
                  } else {
                    const done = () => {
                      const marked = document.querySelectorAll('[data-cpg="row"]:not([data-cpg-state="pending"])').length;
                      if (marked >= count) resolve(performance.now() - t0);
                      else requestAnimationFrame(done);
                    };
                    requestAnimationFrame(done);
                  }
                  const tmp = document.createElement('tbody');
                  tmp.innerHTML = rows; // the bench page's own content, built by the bench
                  tbody.append(...tmp.children);
                }),
              { rows: html, count: size, baseline },
            ),
          );
        }
        await page.close();
        return median(out);
      };
      const base = await withContext(make.none, routes, (c) => measure(c, true));
      const ours = await withContext(make.ours, routes, (c) => measure(c, false));
      perRow[size] = ours / size;
      results.push({
        id: 1,
        name: `list view, ${size.toLocaleString('en')} rows: rows in DOM → all marked, ours / minimal marker`,
        baseline: round(base),
        value: round(ours),
        ratio: round(ours / base, 3),
        target: '≤ 2',
        pass: ours / base <= 2,
      });
    }
    const growth = perRow[5000] / perRow[100];
    results.push({ id: 1, name: 'cost per row at 5,000 / at 100 (ours)', baseline: round(perRow[100], 4), value: round(perRow[5000], 4), ratio: round(growth, 3), target: '≤ 1.5', pass: growth <= 1.5 });
    return results;
  },
};

export const EXTRA_BENCHMARKS = [listMarking];

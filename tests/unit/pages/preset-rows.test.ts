import { classifyUrl } from '@/lib/crm/registry';
import { PRESET_ADAPTERS } from '@/lib/crm/sites';
import { DYNAMICS365_PRESET } from '@/lib/crm/presets/dynamics365';
import { PIPEDRIVE_PRESET } from '@/lib/crm/presets/pipedrive';
import { ZOHO_PRESET } from '@/lib/crm/presets/zoho';
import { loadFixture } from '../crm/shadow';

/**
 * List rows of the presets (issue 3). crm-dom.md §3 documents the Dynamics 365 grid rows
 * (`div[role=row][row-index]`: a position, no record GUID; EasyRepro reads GUIDs from app state)
 * and Zoho related lists on record pages (cells, no record id), and nothing for Pipedrive. A row
 * marker names a record, so a row without a record id in its markup gets none: keying by position
 * would show one record's state on another's row.
 */

const D365_LIST = 'https://contoso.crm4.dynamics.com/main.aspx?appid=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0&pagetype=entitylist&etn=contact';

test('no preset defines a row selector', () => {
  for (const def of [DYNAMICS365_PRESET, ZOHO_PRESET, PIPEDRIVE_PRESET]) {
    expect(def.selectors.row).toBeUndefined();
    expect(def.selectors.rowKey).toBeUndefined();
  }
});

test('the documented Dynamics 365 grid is a list page whose rows are not keyed by their position', () => {
  const page = classifyUrl(D365_LIST)?.page;
  expect(page).toEqual({ kind: 'list', ref: { crm: 'dynamics365', org: 'contoso.crm4.dynamics.com', object: 'contact' } });
  const doc = loadFixture('d365-contacts-grid.html');
  expect(doc.querySelectorAll('[data-id="entity_control-powerapps_onegrid_control_container"] .ag-center-cols-container div[role=row][row-index]')).toHaveLength(3);
  if (page?.kind !== 'list') throw new Error('not a list');
  expect(PRESET_ADAPTERS.dynamics365.findRows?.(doc, page.ref)).toEqual([]);
});

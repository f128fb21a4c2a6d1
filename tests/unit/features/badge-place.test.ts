import { placeBadgeHost } from '@/lib/features/badge-ui';
import { guardHost } from '@/lib/features/host-guard';

// Where the record badge goes (README "The DOM contract": hosts live in the light DOM, so that
// `document.querySelector` finds them). Salesforce's title sits in `records-highlights2`'s shadow
// root (crm-dom.md "Title and badge location"); with native shadow all the way up (LWC without
// synthetic shadow) that component is itself inside `records-lwc-highlights-panel` and the record
// page template's shadow trees, and "after the outermost host" is below the whole record page.

function shadow(host: Element, html: string): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  const tpl = document.createElement('template');
  tpl.innerHTML = html; // test markup only
  root.append(tpl.content);
  return root;
}

/** records-highlights2 > open root > h1 with the slotted name, under `parent` (a node or a shadow root). */
function highlights(parent: ParentNode): { h2: Element; h1: Element } {
  const h2 = document.createElement('records-highlights2');
  parent.append(h2);
  const h1 = shadow(h2, '<div class="slds-media__body"><h1><slot name="primaryField"></slot></h1></div>').querySelector('h1')!;
  const name = document.createElement('lightning-formatted-name');
  name.setAttribute('slot', 'primaryField');
  name.textContent = 'Ms. Jane Doe';
  h2.append(name);
  return { h2, h1 };
}

/** Native shadow all the way up: active page > flexipage > template (root) > panel (root) > records-highlights2 (root) > h1. */
function nativePage(): { flexipage: Element; template: Element; templateRoot: ShadowRoot; h1: Element } {
  document.body.replaceChildren();
  const active = document.createElement('div');
  active.className = 'windowViewMode-normal oneContent active';
  const flexipage = document.createElement('one-record-home-flexipage2');
  const template = document.createElement('flexipage-record-home-template-desktop2');
  flexipage.append(template);
  active.append(flexipage);
  document.body.append(active);
  const templateRoot = shadow(template, '<div class="region-header"><records-lwc-highlights-panel></records-lwc-highlights-panel></div><div class="region-main">Details</div>');
  const panel = templateRoot.querySelector('records-lwc-highlights-panel')!;
  const { h1 } = highlights(panel.attachShadow({ mode: 'open' }));
  return { flexipage, template, templateRoot, h1 };
}

function badgeHost(): HTMLElement {
  const host = document.createElement('span');
  host.setAttribute('data-cpg', 'badge');
  return host;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('record badge placement', () => {
  test('a title in the light DOM (synthetic shadow, F1): right after the title', () => {
    document.body.innerHTML = '<div class="active"><h1>Ms. Jane Doe</h1><p>Details</p></div>';
    const h1 = document.querySelector('h1')!;
    const host = badgeHost();
    placeBadgeHost(h1, host);
    expect(host.previousElementSibling).toBe(h1);
  });

  test('a title in records-highlights2 only, that component in the document (F1b): right after the component', () => {
    document.body.replaceChildren();
    const { h2, h1 } = highlights(document.body);
    const host = badgeHost();
    placeBadgeHost(h1, host);
    expect(host.previousElementSibling).toBe(h2);
    expect(host.getRootNode()).toBe(document);
  });

  test('native shadow all the way up: in the light DOM right before the page template, not after the whole record page', () => {
    const { flexipage, template, h1 } = nativePage();
    const host = badgeHost();
    placeBadgeHost(h1, host);
    expect(host.nextElementSibling).toBe(template);
    expect(template.nextElementSibling).toBeNull();
    expect(host.parentElement).toBe(flexipage);
    expect(host.getRootNode()).toBe(document);
    // The DOM contract, and what the retention warning looks for.
    expect(document.querySelector('.windowViewMode-normal.active [data-cpg="badge"]')).toBe(host);
  });

  test('a title nested two levels deep in a header component of the document: right before that component', () => {
    document.body.replaceChildren();
    const panel = document.createElement('records-lwc-highlights-panel');
    document.body.append(panel, document.createElement('main'));
    const { h1 } = highlights(panel.attachShadow({ mode: 'open' }));
    const host = badgeHost();
    placeBadgeHost(h1, host);
    expect(host.nextElementSibling).toBe(panel);
  });

  test('a whole-app shell in native shadow (navigation first, a slot for light children): right before the shell, no child added to it, no layout read', () => {
    document.body.replaceChildren();
    const shell = document.createElement('one-app-shell');
    document.body.append(shell);
    const root = shadow(shell, '<header>Global header</header><nav>Sales</nav><slot></slot><div class="page"><flexipage-record-home-template-desktop2></flexipage-record-home-template-desktop2></div>');
    const template = root.querySelector('flexipage-record-home-template-desktop2')!;
    const { h1 } = highlights(shadow(template, '<div class="region-header"></div>').querySelector('.region-header')!);
    let measured = 0;
    for (const el of [shell, h1]) el.getBoundingClientRect = () => ((measured += 1), new DOMRect());
    const host = badgeHost();
    placeBadgeHost(h1, host);
    expect(host.nextElementSibling).toBe(shell);
    expect(shell.childElementCount).toBe(0);
    expect(measured).toBe(0);
  });
});

describe('host-guard with the badge before a native-shadow page template', () => {
  test('the page removing the badge gets it put back before the template once, then the badge stands down', async () => {
    const { template, h1 } = nativePage();
    const host = badgeHost();
    placeBadgeHost(h1, host);
    const controller = new AbortController();
    let gaveUp = 0;
    guardHost(host, () => (placeBadgeHost(h1, host), true), () => (gaveUp += 1), controller.signal, { anchorGone: () => !h1.isConnected });
    host.remove();
    await tick();
    expect(host.isConnected).toBe(true);
    expect(host.nextElementSibling).toBe(template);
    host.remove();
    await tick();
    expect(host.isConnected).toBe(false);
    expect(gaveUp).toBe(1);
    controller.abort();
  });

  test('put back after the page removed it: before the retention warning that followed it, which stays right after the badge', async () => {
    const { template, h1 } = nativePage();
    const host = badgeHost();
    placeBadgeHost(h1, host);
    const retention = document.createElement('div');
    retention.setAttribute('data-cpg', 'retention');
    host.after(retention);
    const controller = new AbortController();
    guardHost(host, () => (placeBadgeHost(h1, host), true), () => undefined, controller.signal, { anchorGone: () => !h1.isConnected });
    host.remove();
    await tick();
    expect(host.nextElementSibling).toBe(retention);
    expect(retention.nextElementSibling).toBe(template);
    controller.abort();
  });

  test('the record page re-rendered (template replaced, badge with it): the badge follows the new title, before the new template', async () => {
    const first = nativePage();
    let anchor = first.h1;
    const host = badgeHost();
    placeBadgeHost(anchor, host);
    const controller = new AbortController();
    let gaveUp = 0;
    guardHost(
      host,
      () => {
        const tpl = document.querySelector('flexipage-record-home-template-desktop2');
        const h1 = tpl?.shadowRoot?.querySelector('records-lwc-highlights-panel')?.shadowRoot?.querySelector('records-highlights2')?.shadowRoot?.querySelector('h1');
        if (!h1) return false;
        anchor = h1;
        placeBadgeHost(anchor, host);
        return true;
      },
      () => (gaveUp += 1),
      controller.signal,
      { anchorGone: () => !anchor.isConnected, maxRerenders: 5 },
    );
    for (let i = 0; i < 3; i++) {
      // The framework renders the whole record page anew: our badge beside the template goes with it.
      const next = nativePage();
      await tick();
      expect(host.isConnected).toBe(true);
      expect(host.nextElementSibling).toBe(next.template);
      expect(anchor).toBe(next.h1);
    }
    expect(gaveUp).toBe(0);
    controller.abort();
  });

  test('the header re-rendered inside the template: the badge before the template stays, one of it', async () => {
    const { template, templateRoot, h1 } = nativePage();
    const host = badgeHost();
    placeBadgeHost(h1, host);
    const controller = new AbortController();
    let gaveUp = 0;
    guardHost(host, () => (placeBadgeHost(h1, host), true), () => (gaveUp += 1), controller.signal, { anchorGone: () => !h1.isConnected });
    const region = templateRoot.querySelector('.region-header')!;
    const panel = document.createElement('records-lwc-highlights-panel');
    highlights(panel.attachShadow({ mode: 'open' }));
    region.replaceChildren(panel);
    await tick();
    expect(host.nextElementSibling).toBe(template);
    expect(document.querySelectorAll('[data-cpg="badge"]')).toHaveLength(1);
    expect(gaveUp).toBe(0);
    controller.abort();
  });
});

/*! Marquee embed: <script async src="https://HOST/embed.js"></script>, then
 * <div data-marquee-placement="ID" data-marquee-keywords="a,b"></div>. No cookies, no storage. */
// The readable source of public/embed.js (built by `npm run build:embed`: minified, committed).
(() => {
  "use strict";
  const w = window, d = document;
  if (w.marquee) return; // included twice

  const ATTR = "data-marquee-placement";
  const STATE = "data-marquee-state"; // hidden | loading | filled | empty | error
  const script = d.currentScript || [].filter.call(d.scripts, (s) => /\/embed\.js([?#]|$)/.test(s.src)).pop();
  if (!script) return;
  const api = new URL(script.src).origin;
  const slots = new WeakMap(); // element -> { seq, id, stop, display, seen, asked, width }
  let seq = 0;

  // Ad data becomes only text, attributes or a sandboxed srcdoc, never markup of this page.
  const url = (u) => (/^https?:\/\//i.test(u) ? u : null);
  const el = (tag, props, style, kids) => {
    const e = Object.assign(d.createElement(tag), props);
    Object.assign(e.style, style); // CSSOM: allowed by a strict style-src CSP
    (kids || []).forEach((k) => e.appendChild(k));
    return e;
  };
  const link = (href, kids, style) => el("a", { href, target: "_blank", rel: "noopener sponsored" }, style, kids);

  /* The disclosure ("Ad", or the site's own word) sits inside the reserved W×H, over a
   * corner: the slot stays exactly the size the page made room for. Opaque, 11 px, #333 on
   * #fff (12.6:1), first in the DOM so a screen reader says it before the ad. */
  const badge = (tag, props, style) =>
    el(tag, props, Object.assign({ position: "absolute", top: 0, right: 0, zIndex: 1, display: "block", margin: 0, padding: "1px 5px", font: "11px/14px sans-serif", color: "#333", background: "#fff", textDecoration: "none", borderRadius: "0 0 0 3px" }, style));

  function render(ad, click, width, height, label) {
    const box = { position: "relative", display: "block", width: width + "px", height: height + "px", overflow: "hidden", boxSizing: "border-box", margin: 0, padding: 0 };
    const text = { textContent: label };
    if (ad.kind === "IMAGE") {
      const image = el("img", { src: url(ad.imageUrl) || "", alt: ad.altText || "", width, height }, { display: "block", border: 0, width: width + "px", height: height + "px", maxWidth: "none" });
      return link(click, [badge("span", text), image], box);
    }
    if (ad.kind === "TEXT") {
      // Floated, so the headline wraps around the label rather than under it.
      const tag = badge("span", text, { position: "static", float: "right", margin: "-12px -12px 0 4px" });
      const kids = [tag, el("strong", { textContent: ad.headline || "" }, { display: "block" }), el("span", { textContent: ad.body || "" })];
      return link(click, kids, Object.assign(box, { padding: "12px", font: "14px/1.4 sans-serif", color: "inherit", textDecoration: "none", border: "1px solid #ccc" }));
    }
    /* HTML: scripts allowed (creatives need them), same-origin not: an opaque origin, cut off
     * from this page, cookies and storage. Clicks go via the click URL: an appended script opens
     * it for any click off a form control; the label is also a link, for keyboards and pages
     * whose CSP (inherited by srcdoc) blocks that script. A srcdoc document is in standards
     * mode: without the browser's 8 px body margin and with html and body as tall as the frame
     * (at zero specificity: a creative's own rules still win), the creative starts at 0,0, its
     * height:100% is the slot's, and it is not cut at the bottom. */
    const onClick = "<style>:where(html,body){margin:0;height:100%}</style><script>addEventListener('click',e=>{if(!e.target.closest('input,select,textarea,button,label')){e.preventDefault();open(" +
      JSON.stringify(click).replace(/</g, "\\u003c") + ",'_blank','noopener')}},true)</script>";
    const frame = el("iframe", { title: "Advertisement", width, height, srcdoc: (ad.html || "") + onClick }, { display: "block", border: 0, width: width + "px", height: height + "px", maxWidth: "none" });
    frame.setAttribute("sandbox", "allow-scripts allow-popups allow-popups-to-escape-sandbox");
    const more = badge("a", Object.assign({ href: click, target: "_blank", rel: "noopener sponsored" }, text));
    more.setAttribute("aria-label", label + " \u00b7 Learn more");
    return el("div", {}, box, [more, frame]);
  }

  // A view: >= 50 % of the ad in view for 1 continuous second, page visible. Once per offer.
  function watch(target, impressionUrl, slot) {
    let timer = 0, inView = false;
    const disarm = () => { clearTimeout(timer); timer = 0; };
    const arm = () => {
      if (inView && !timer && d.visibilityState === "visible") timer = setTimeout(() => { stop(); slot.seen = impressionUrl; beacon(impressionUrl, 0); }, 1000);
    };
    const onVisibility = () => (d.visibilityState === "visible" ? arm() : disarm());
    const io = new IntersectionObserver((entries) => {
      const e = entries[entries.length - 1];
      inView = e.isIntersecting && e.intersectionRatio >= 0.499; // rounding at the threshold
      inView ? arm() : disarm();
    }, { threshold: 0.5 });
    const stop = () => { disarm(); io.disconnect(); d.removeEventListener("visibilitychange", onVisibility); };
    io.observe(target);
    d.addEventListener("visibilitychange", onVisibility);
    return stop;
  }

  // Outlives the page (keepalive); a 5xx or lost request is retried after 5, 10, 20 s.
  function beacon(u, n) {
    const again = () => n < 3 && setTimeout(beacon, 5e3 << n, u, n + 1);
    fetch(u, { method: "POST", keepalive: true, credentials: "omit" }).then((r) => r.status > 499 && again(), again);
  }

  /* The width the page gives the slot: its own (a block takes its column's), else, when it has
   * none yet (inline-block, a flex item), its nearest ancestor's inside its padding; never more
   * than the window. A placement wider than that gets no ad (the server answers no fill): an ad
   * never makes the page scroll sideways or puts its label off screen. Measured as the page
   * lays the slot out, without the size reserved for a previous ad. */
  function room(e) {
    const min = e.style.minWidth;
    e.style.minWidth = "";
    let box = e, px = 0;
    while (box && !(px = box.clientWidth)) box = box.parentElement;
    if (box && box !== e) {
      const s = getComputedStyle(box);
      px -= parseFloat(s.paddingLeft) + parseFloat(s.paddingRight);
    }
    e.style.minWidth = min;
    return Math.max(0, Math.floor(Math.min(px || 1e5, d.documentElement.clientWidth || 1e5)));
  }

  // A slot the page hides (display: none, on it or around it) asks for nothing until shown.
  const shown = w.ResizeObserver && new ResizeObserver((entries) => entries.forEach((x) => {
    if (x.target.getClientRects().length) shown.unobserve(x.target), run(x.target, true);
  }));

  /* The room changed (a phone turned, a window resized). Once it settles, a slot left empty
   * with less room than it has now asks again (a leaderboard that did not fit in portrait fills
   * in landscape), and an ad wider than its slot's room now asks again with that room: a
   * narrower ad or no fill, never a page that scrolls sideways. */
  let resizing;
  w.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => [].forEach.call(d.querySelectorAll("[" + STATE + "]"), (e) => {
      const slot = slots.get(e), state = e.getAttribute(STATE);
      if (slot && (state === "filled" ? room(e) < slot.width : state === "empty" && grown(e, slot))) load(e);
    }), 250);
  });

  // A collapsed slot (no fill), measured as the page would lay it out.
  function grown(e, slot) {
    e.style.display = slot.display;
    const px = e.getClientRects().length ? room(e) : 0;
    e.style.display = "none";
    return px > slot.asked;
  }

  async function load(e) {
    const slot = slots.get(e) || {};
    const mine = (slot.seq = ++seq);
    slot.id = e.getAttribute(ATTR);
    slots.set(e, slot);
    // Collapsed by an earlier no fill: measured as the page lays it out.
    if (slot.display != null) e.style.display = slot.display;
    if (!e.getClientRects().length && shown) {
      slot.display = null;
      shown.observe(e);
      return e.setAttribute(STATE, "hidden");
    }
    const space = (slot.asked = room(e));
    if (slot.display != null) e.style.display = "none";
    e.setAttribute(STATE, "loading");
    try {
      const q = new URLSearchParams({ placement: slot.id, url: location.href.split("#")[0] });
      q.set("width", space);
      const keywords = e.getAttribute("data-marquee-keywords");
      if (keywords) q.set("keywords", keywords);
      // The same placement more than once on a page: each slot gets its own offer (and a
      // reload within seconds gets the same ones back).
      const n = [].filter.call(d.querySelectorAll("[" + ATTR + "]"), (o) => o.getAttribute(ATTR) === slot.id && o.compareDocumentPosition(e) & 4).length;
      if (n) q.set("slot", Math.min(n, 9));
      const res = await fetch(api + "/api/serve?" + q, { credentials: "omit", cache: "no-store" });
      if (!res.ok) throw res.status;
      const body = res.status === 204 ? null : await res.json();
      if (slot.seq !== mine) return; // a later refresh won
      if (slot.stop) slot.stop();
      slot.stop = null;
      e.textContent = "";
      if (!body) {
        if (slot.display == null) slot.display = e.style.display;
        e.style.display = "none";
        return e.setAttribute(STATE, "empty");
      }
      const ad = body.ad, click = url(body.clickUrl), width = (slot.width = +ad.width), height = +ad.height;
      if (!click || !url(body.impressionUrl)) throw 0;
      const label = String(body.label || "Ad").slice(0, 20);
      const node = render(ad, click, width, height, label);
      if (slot.display != null) e.style.display = slot.display;
      slot.display = null;
      e.appendChild(node);
      if (!e.getAttribute("role")) e.setAttribute("role", "region");
      e.setAttribute("aria-label", "Advertisement");
      e.style.minWidth = width + "px"; // reserved while refreshing
      e.style.minHeight = height + "px";
      // Dashboard previews (data-marquee-preview) show the ad but never count a view; an offer
      // shown again (a refresh within seconds gets the same one) is not sent twice.
      if (!e.hasAttribute("data-marquee-preview") && slot.seen !== body.impressionUrl) {
        slot.stop = watch(node, body.impressionUrl, slot);
      }
      e.setAttribute(STATE, "filled");
    } catch (err) {
      // Keeps what it showed; throws nothing into the page.
      if (slot.seq === mine) e.setAttribute(STATE, "error");
    }
  }

  // x: element, selector, list, or nothing (all placements).
  function run(x, force) {
    try {
      const list = typeof x === "string" || x == null ? d.querySelectorAll(x || "[" + ATTR + "]") : x.nodeType ? [x] : x;
      return Promise.all([].filter.call(list, (e) => e.hasAttribute(ATTR) && (force || !e.hasAttribute(STATE))).map(load)).then(() => {});
    } catch (err) {
      return Promise.resolve();
    }
  }

  w.marquee = {
    // Only placements without a state.
    fill: (element) => run(element, false),
    refresh: (elementOrSelector) => run(elementOrSelector, true),
  };

  // Placements parsed or added later (SPAs) fill themselves; a changed placement id refills.
  new MutationObserver((mutations) => mutations.forEach((m) => {
    const t = m.target, slot = slots.get(t);
    if (m.type === "attributes") return (!slot || slot.id !== t.getAttribute(ATTR)) && run(t, !!slot);
    m.addedNodes.forEach((n) => {
      if (n.nodeType === 1) run([n].concat([].slice.call(n.querySelectorAll("[" + ATTR + "]"))), false);
    });
  })).observe(d.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [ATTR] });
  run();
})();

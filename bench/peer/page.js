// What bench_peer.py reads over DevTools from the TimelineJS page (inlined into the page,
// ahead of the timeline, so the first picture is timed even before DevTools attaches).
// Times are milliseconds since the epoch: performance.timeOrigin + performance.now().
(() => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const now = () => performance.timeOrigin + performance.now();

  // The slide on screen (TimelineJS's public getSlideById), or null before the timeline is up.
  function currentSlide() {
    const timeline = window.timeline;
    if (!timeline || !timeline.config || !timeline.current_id) return null;
    const slide = timeline.getSlideById(timeline.current_id);
    return slide && slide._el ? slide._el.container : null;
  }

  // The slide has finished sliding in, and its picture, if it has one, is loaded.
  function ready(element) {
    const box = element.getBoundingClientRect();
    if (Math.abs(box.left) >= 1 || box.width < window.innerWidth / 2) return false;
    const image = element.querySelector("img.tl-media-image");
    if (image === null) return element.querySelector(".tl-media") === null;
    return image.complete && image.naturalWidth > 0 && image.getBoundingClientRect().width > 0;
  }

  // Resolves once the current slide is in place with its picture decoded, two frames on:
  // the first frame after the picture is in has then been drawn.
  async function shown() {
    for (;;) {
      const element = currentSlide();
      if (element !== null && ready(element)) {
        const image = element.querySelector("img.tl-media-image");
        if (image !== null) await image.decode().catch(() => undefined);
        await frame();
        await frame();
        return { at: now(), id: window.timeline.current_id, picture: image !== null };
      }
      await frame();
    }
  }

  window.bench = {
    firstPicture: shown(),
    slideCount: () => window.timeline.config.events.length + (window.timeline.config.title ? 1 : 0),
    async next() {
      const before = window.timeline.current_id;
      window.timeline.goToNext();
      if (window.timeline.current_id === before) throw new Error(`no slide after ${before}`);
      return shown();
    },
    // Every URL the page has loaded: all must be file: or data: (nothing from the network).
    resources: () => [location.href, ...performance.getEntriesByType("resource").map((e) => e.name)],
    // When the page started loading, and its first paints.
    paints: () => Object.fromEntries([["origin", performance.timeOrigin],
      ...performance.getEntriesByType("paint").map((e) => [e.name, performance.timeOrigin + e.startTime])]),
    size: () => [window.innerWidth, window.innerHeight, window.devicePixelRatio],
  };
})();

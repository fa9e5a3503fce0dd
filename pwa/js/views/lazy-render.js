// Draws parts of a long screen only when they come into view, each in a task of its own, so no
// single long task holds up taps and work below the fold waits until someone scrolls to it.

/** Give the browser a chance to paint and take input before the next piece of work. */
const nextTask = () =>
  new Promise((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 200 });
    else setTimeout(resolve, 0);
  });

/**
 * Run draws[i] once elements[i] is near the viewport (within 100 px), one per task, in order of
 * arrival. Returns {drawAll(), cancel()}: drawAll runs every drawing still waiting at once
 * (before printing), cancel drops them (the screen changed).
 */
export function whenShown(elements, draws) {
  const waiting = new Map(elements.map((element, index) => [element, draws[index]]));
  const queue = [];
  let running = false;
  let cancelled = false;

  const drawNow = (element) => {
    const draw = waiting.get(element);
    if (!draw || cancelled) return;
    waiting.delete(element);
    observer.unobserve(element);
    draw();
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries)
        if (entry.isIntersecting && waiting.has(entry.target)) queue.push(entry.target);
      drain();
    },
    { rootMargin: '100px 0px' },
  );

  async function drain() {
    if (running) return;
    running = true;
    while (queue.length && !cancelled) {
      await nextTask();
      drawNow(queue.shift());
    }
    running = false;
  }

  for (const element of elements) observer.observe(element);
  return {
    drawAll() {
      for (const element of [...waiting.keys()]) drawNow(element);
    },
    cancel() {
      cancelled = true;
      observer.disconnect();
    },
  };
}

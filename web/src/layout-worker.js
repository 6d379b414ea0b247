// Layout worker of the map ("refine"): the synchronous ForceAtlas2 of
// graphology-layout-forceatlas2, run in batches so that progress can be reported and the run
// cancelled. Bundled as its own file and loaded from the page's data-worker URL (FA2's own
// worker builds a Blob URL, which the Content-Security-Policy forbids).
//
// in:  {type: "start", nodes: [id...], x: Float64Array, y: Float64Array, edges: [[i, j]...],
//       iterations, settings}
//      {type: "cancel"}
// out: {type: "progress", done, total, x, y}   after each batch (positions so far)
//      {type: "done", x, y} | {type: "cancelled"} | {type: "error", message}

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

let cancelled = false;

function run(msg) {
  const g = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  msg.nodes.forEach((id, i) => g.addNode(id, { x: msg.x[i], y: msg.y[i] }));
  for (const [i, j] of msg.edges) {
    const a = msg.nodes[i];
    const b = msg.nodes[j];
    if (a !== b && !g.hasEdge(a, b)) g.addEdge(a, b);
  }
  const settings = { ...forceAtlas2.inferSettings(g), ...(msg.settings || {}) };
  const total = Math.max(1, msg.iterations | 0);
  const batch = Math.max(1, Math.min(50, Math.ceil(total / 20)));
  let done = 0;
  const positions = () => {
    const x = new Float64Array(msg.nodes.length);
    const y = new Float64Array(msg.nodes.length);
    msg.nodes.forEach((id, i) => {
      const a = g.getNodeAttributes(id);
      x[i] = a.x;
      y[i] = a.y;
    });
    return { x, y };
  };
  const step = () => {
    if (cancelled) {
      self.postMessage({ type: "cancelled" });
      return;
    }
    const n = Math.min(batch, total - done);
    forceAtlas2.assign(g, { iterations: n, settings });
    done += n;
    const { x, y } = positions();
    if (done >= total) {
      self.postMessage({ type: "done", x, y }, [x.buffer, y.buffer]);
      return;
    }
    self.postMessage({ type: "progress", done, total, x, y }, [x.buffer, y.buffer]);
    // Yield to the event loop so that a "cancel" message is seen between batches.
    setTimeout(step, 0);
  };
  step();
}

self.onmessage = (e) => {
  const msg = e.data || {};
  if (msg.type === "cancel") {
    cancelled = true;
    return;
  }
  if (msg.type === "start") {
    cancelled = false;
    try {
      run(msg);
    } catch (err) {
      self.postMessage({ type: "error", message: String((err && err.message) || err) });
    }
  }
};

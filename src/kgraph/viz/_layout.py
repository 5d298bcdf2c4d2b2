"""A force-directed layout that scales to tens of thousands of nodes with numpy alone.

networkx's spring layout is quadratic (and needs scipy above 500 nodes). This one is
Fruchterman-Reingold with the repulsion of far nodes approximated by the centres of mass
of a coarse grid (Barnes-Hut on one level): O(n * cells + m) per iteration.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["fast_layout"]


def fast_layout(
    g: nx.Graph,
    *,
    iterations: int = 40,
    seed: int = 1,
    scale: float = 1.0,
    grid: int = 12,
) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node, roughly in ``[-scale * sqrt(n), scale * sqrt(n)]``.

    Deterministic for a given ``seed``. Parallel edges and directions are ignored.
    """
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {(index[u], index[v]) for u, v in g.edges() if u != v}
    edges = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    k = 1.0  # ideal edge length; the area grows with n so density stays constant
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        # Repulsion: every node is pushed by each grid cell's mass at its centre of mass.
        lo = pos.min(axis=0)
        span = np.maximum(pos.max(axis=0) - lo, 1e-9)
        cell_xy = np.minimum(((pos - lo) / span * grid).astype(np.int64), grid - 1)
        cell = cell_xy[:, 0] * grid + cell_xy[:, 1]
        mass = np.bincount(cell, minlength=grid * grid).astype(float)
        cx = np.bincount(cell, weights=pos[:, 0], minlength=grid * grid)
        cy = np.bincount(cell, weights=pos[:, 1], minlength=grid * grid)
        used = mass > 0
        centres = np.stack([cx[used] / mass[used], cy[used] / mass[used]], axis=1)
        weights = mass[used]
        for start in range(0, n, 8192):  # chunks bound the n x cells temporaries
            part = pos[start:start + 8192]
            dx = part[:, 0:1] - centres[None, :, 0]
            dy = part[:, 1:2] - centres[None, :, 1]
            force = (k * k) * weights[None, :] / (dx * dx + dy * dy + 0.01)
            disp[start:start + 8192, 0] += np.einsum("ij,ij->i", dx, force)
            disp[start:start + 8192, 1] += np.einsum("ij,ij->i", dy, force)
        # Attraction along edges.
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((delta ** 2).sum(axis=1)) + 1e-9
            pull = delta * (dist / k)[:, None]
            # bincount is an order of magnitude faster than np.add.at for scatter-adds
            for axis in (0, 1):
                disp[:, axis] += np.bincount(edges[:, 1], weights=pull[:, axis], minlength=n)
                disp[:, axis] -= np.bincount(edges[:, 0], weights=pull[:, axis], minlength=n)
        # Gravity keeps disconnected pieces from drifting away.
        disp -= pos * 0.05
        length = np.sqrt((disp ** 2).sum(axis=1)) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature - cooling, 0.01)
    pos -= pos.mean(axis=0)
    pos *= scale
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}

"""The reference side of `scripts/bench graph`: the same edge list read with python-igraph, its connected
components found by igraph and its communities by leidenalg (modularity, the same number of iterations and the
seed given), each timed; prints one JSON line.

Usage: graph_reference.py <edges.txt> <seed> <iterations> <lantern-membership.bin> <leidenalg-membership.bin>
The edge list is "nodes links" then "source target weight" per line; memberships are little-endian int32, one
per node. Lantern's partition is also scored with igraph's own modularity, as a check of Lantern's figure.
"""
import array
import json
import resource
import sys
import time

import igraph as ig
import leidenalg as la


def timed(action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def read_graph(path):
    sources, targets, weights = array.array("i"), array.array("i"), array.array("d")
    with open(path, encoding="ascii") as lines:
        nodes, links = map(int, lines.readline().split())
        for line in lines:
            source, target, weight = line.split()
            sources.append(int(source))
            targets.append(int(target))
            weights.append(float(weight))
    if len(sources) != links:
        raise SystemExit(f"{path}: header says {links} links, found {len(sources)}")
    graph = ig.Graph(n=nodes, edges=zip(sources, targets), directed=False)
    graph.es["weight"] = weights
    return graph


def main():
    path, seed, iterations, lantern_path, out_path = sys.argv[1:6]
    seed, iterations = int(seed), int(iterations)
    graph, load_s, _ = timed(lambda: read_graph(path))
    components, components_s, components_cpu = timed(graph.connected_components)
    partition, leiden_s, leiden_cpu = timed(lambda: la.find_partition(
        graph, la.ModularityVertexPartition, weights="weight", n_iterations=iterations, seed=seed))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    membership = array.array("i", partition.membership)
    with open(out_path, "wb") as out:
        membership.tofile(out)
    lantern = array.array("i")
    with open(lantern_path, "rb") as lantern_file:
        lantern.fromfile(lantern_file, graph.vcount())
    sizes = components.sizes()
    print(json.dumps({
        "igraph": ig.__version__,
        "leidenalg": la.version,
        "load_s": load_s,
        "components_s": components_s,
        "components_cpu": components_cpu,
        "leiden_s": leiden_s,
        "leiden_cpu": leiden_cpu,
        "peak_mb": peak_mb,
        "components": len(sizes),
        "largest_component": max(sizes) if sizes else 0,
        "communities": len(partition),
        "modularity": graph.modularity(partition.membership, weights="weight"),
        "quality": partition.quality(),
        "lantern_modularity_by_igraph": graph.modularity(list(lantern), weights="weight"),
    }))


if __name__ == "__main__":
    main()

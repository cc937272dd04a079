#!/usr/bin/env python3
"""Golden values for tests/segmentation/kmeans_test.cc, computed independently with numpy.

(scikit-learn is not installable on the project machine: its Debian package conflicts with the
Boost the edge builds against. So this follows sklearn's definitions with numpy directly:
StandardScaler = (x - mean) / population sd; Lloyd's algorithm; silhouette_score = mean over
points of (b - a) / max(a, b) with Euclidean distances, 0 for singletons.)

The customers below (spend, orders) form three well-separated groups, so Lloyd started from one
point of each group converges to the one optimum any k-means++ start reaches. Centers are
listed by descending first coordinate, as core/segmentation orders them. For k = 2..5 the
silhouette of the best of all Lloyd runs started from every k-subset of the points is printed
too (the "auto" choice must be the k with the largest).

Run: /usr/bin/python3 tools/gen/segmentation_kmeans_golden.py
"""
import itertools

import numpy as np

X = np.array([
    [100, 1], [110, 2], [90, 1], [105, 3],
    [500, 10], [520, 12], [480, 11], [510, 9],
    [1000, 2], [980, 3], [1020, 1], [1010, 2],
], dtype=float)

mean = X.mean(axis=0)
scale = X.std(axis=0)  # ddof=0: population
Z = (X - mean) / scale
print("mean", [repr(v) for v in mean])
print("scale", [repr(v) for v in scale])


def lloyd(Z, centers):
    labels = None
    while True:
        d2 = ((Z[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
        new = d2.argmin(axis=1)
        if labels is not None and (new == labels).all():
            return centers, labels, d2.min(axis=1).sum()
        labels = new
        centers = np.array([Z[labels == c].mean(axis=0) if (labels == c).any() else centers[c]
                            for c in range(len(centers))])


def silhouette(Z, labels):
    D = np.sqrt(((Z[:, None, :] - Z[None, :, :]) ** 2).sum(axis=2))
    s = np.zeros(len(Z))
    for i in range(len(Z)):
        own = labels == labels[i]
        if own.sum() == 1:
            continue
        a = D[i, own].sum() / (own.sum() - 1)
        b = min(D[i, labels == c].mean() for c in set(labels) if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return s.mean()


centers, labels, inertia = lloyd(Z, Z[[0, 4, 8]])
order = sorted(range(3), key=lambda c: tuple(-v for v in centers[c]))
print("centers (descending first coordinate):")
for c in order:
    print("  ", [repr(v) for v in centers[c]])
rank = {c: i for i, c in enumerate(order)}
labels = np.array([rank[l] for l in labels])
print("labels", list(labels))
print("inertia", repr(inertia))
print("silhouette", repr(silhouette(Z, labels)))
for k in range(2, 6):
    best = min((lloyd(Z, Z[list(start)]) for start in itertools.combinations(range(len(Z)), k)),
               key=lambda r: r[2])
    print("k", k, "inertia", repr(best[2]), "silhouette", repr(silhouette(Z, best[1])))

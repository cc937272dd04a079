#!/usr/bin/env python3
"""Independent reference for Tailor's campaign report (core/report/campaign.h, ols.h).

Writes tests/data/campaign_report_cases.json:
- "ols": design matrices, outcomes and the OLS fit computed with numpy (np.linalg.lstsq for the
  coefficients; HC1 covariance n/(n-p) (X'X)^-1 X' diag(e^2) X (X'X)^-1 with np.linalg.inv;
  the robust Wald statistic of the interaction terms with np.linalg.solve).
- "campaign": a two-segment campaign given as per-arm counts and purchase revenues, with every
  lift of the report (relative lift, Welch CI and p by the delta method, Holm across the family
  segments x treatments x metrics), SRM per segment and the pooled post-stratified lifts with
  their own Holm family, all written out here from the published formulas.

Nothing here shares code with core/: the Student t and chi-square tails come from
tools/gen/stats_reference.py (the continued-fraction incomplete beta / gamma it self-checks
against printed tables), the normal from statistics.NormalDist; the rest is numpy or plain
arithmetic below.

Usage: /usr/bin/python3 tools/gen/campaign_report_reference.py > tests/data/campaign_report_cases.json
(needs numpy: apt-get install python3-numpy)
"""
import json
import math
import os
import sys
from statistics import NormalDist

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stats_reference as ref  # noqa: E402  (distributions only)

ALPHA = 0.05
N01 = NormalDist()


# --- OLS ---------------------------------------------------------------------------------
def ols_case(name, X, y, wald_terms):
    n, p = X.shape
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    e = y - X @ beta
    bread = np.linalg.inv(X.T @ X)
    meat = X.T @ (X * (e ** 2)[:, None])
    V = n / (n - p) * bread @ meat @ bread
    b = beta[wald_terms]
    Vs = V[np.ix_(wald_terms, wald_terms)]
    wald = float(b @ np.linalg.solve(Vs, b))
    return {
        "name": name,
        "x": X.tolist(),
        "y": y.tolist(),
        "coefficients": beta.tolist(),
        "se": np.sqrt(np.diag(V)).tolist(),
        "rss": float(e @ e),
        "waldTerms": wald_terms,
        "wald": wald,
    }


def ols_cases():
    rng = np.random.default_rng(20261207)
    n = 240
    T = (rng.random(n) < 0.5).astype(float)
    z1 = rng.standard_normal(n)
    z2 = rng.standard_normal(n)
    seg = (rng.random(n) < 0.4).astype(float)
    X = np.column_stack([np.ones(n), seg, T, z1, z2, T * z1, T * z2])
    # Revenue-like outcome with heteroskedastic noise (so HC1 differs from classical SEs).
    y = 1.0 + 0.3 * seg + 0.5 * T + 0.2 * z1 + 0.8 * T * z1 + (1 + np.abs(z2)) * rng.standard_normal(n)
    a = ols_case("heteroskedastic", X, y, [5, 6])
    # A linear probability model: 0/1 outcome.
    p = np.clip(0.2 + 0.1 * T + 0.05 * z1 + 0.1 * T * z2, 0.01, 0.99)
    y2 = (rng.random(n) < p).astype(float)
    b = ols_case("linear probability", X, y2, [5, 6])
    return [a, b]


# --- campaign lifts ----------------------------------------------------------------------
def revenues(k, salt):
    return [round(30 + 7.5 * ((j * 5 + salt * 3) % 11) + 0.25 * (j % 4), 2) for j in range(k)]


def arm(variant, weight, n, opens, clicks, purchases, unsubs, salt):
    return {"variant": variant, "weight": weight, "sends": n, "opens": opens, "clicks": clicks,
            "purchases": purchases, "unsubscribes": unsubs, "revenues": revenues(purchases, salt)}


SEGMENTS = [
    {"name": "Loyal", "arms": [
        arm("control", 1, 200, 50, 12, 8, 2, 1),
        arm("benefit", 1, 210, 95, 30, 20, 3, 2),
        arm("urgency", 1, 190, 48, 10, 9, 6, 3)]},
    {"name": "At Risk", "arms": [
        arm("control", 2, 300, 45, 6, 5, 4, 4),
        arm("benefit", 1, 160, 60, 9, 14, 3, 5)]},
]
METRICS = ["open", "click", "purchase", "rpm"]
COUNT = {"open": "opens", "click": "clicks", "purchase": "purchases"}


def summary(a, metric):
    n = a["sends"]
    if metric == "rpm":
        s = sum(a["revenues"])
        ss = sum(r * r for r in a["revenues"])
        return n, s / n, (ss - s * s / n) / (n - 1)
    p = a[COUNT[metric]] / n
    return n, p, p * (1 - p)


def welch_relative(c, t):
    nc, mc, vc = c
    nt, mt, vt = t
    eff = mt / mc - 1
    var = vt / (mc ** 2 * nt) + vc * mt ** 2 / (mc ** 4 * nc)
    dof = (vt / nt + vc / nc) ** 2 / ((vt / nt) ** 2 / (nt - 1) + (vc / nc) ** 2 / (nc - 1))
    se = math.sqrt(var)
    tq = ref.t_ppf(1 - ALPHA / 2, dof)
    p = 2 * ref.t_sf(abs(eff / se), dof)
    return {"lift": eff, "ciLower": eff - tq * se, "ciUpper": eff + tq * se, "pValue": p}


def stratified_relative(strata):
    total = sum(c[0] + t[0] for c, t in strata)
    Mc = Mt = Vc = Vt = 0.0
    for c, t in strata:
        w = (c[0] + t[0]) / total
        Mc += w * c[1]
        Mt += w * t[1]
        Vc += w * w * c[2] / c[0]
        Vt += w * w * t[2] / t[0]
    eff = Mt / Mc - 1
    se = math.sqrt(Vt / Mc ** 2 + Mt ** 2 * Vc / Mc ** 4)
    z = N01.inv_cdf(1 - ALPHA / 2)
    p = 2 * (1 - N01.cdf(abs(eff / se)))
    return {"lift": eff, "ciLower": eff - z * se, "ciUpper": eff + z * se, "pValue": p}


def holm(ps):
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    out = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * ps[i]))
        out[i] = running
    return out


def campaign_case():
    lifts = []
    for s, seg in enumerate(SEGMENTS):
        control = seg["arms"][0]
        for a in range(1, len(seg["arms"])):
            for metric in METRICS:
                r = welch_relative(summary(control, metric), summary(seg["arms"][a], metric))
                r.update({"segment": s, "variant": seg["arms"][a]["variant"], "metric": metric})
                lifts.append(r)
    for r, adj in zip(lifts, holm([r["pValue"] for r in lifts])):
        r["pAdjusted"] = adj
    srm = []
    for seg in SEGMENTS:
        obs = [a["sends"] for a in seg["arms"]]
        w = [a["weight"] for a in seg["arms"]]
        exp = [sum(obs) * wi / sum(w) for wi in w]
        chi2 = sum((o - e) ** 2 / e for o, e in zip(obs, exp))
        srm.append({"chi2": chi2, "pValue": ref.chi2_sf(chi2, len(obs) - 1)})
    pooled = []
    for strategy in ["benefit", "urgency"]:
        for metric in METRICS:
            strata = []
            for seg in SEGMENTS:
                for a in seg["arms"][1:]:
                    if a["variant"] == strategy:
                        strata.append((summary(seg["arms"][0], metric), summary(a, metric)))
            r = stratified_relative(strata)
            r.update({"variant": strategy, "metric": metric})
            pooled.append(r)
    for r, adj in zip(pooled, holm([r["pValue"] for r in pooled])):
        r["pAdjusted"] = adj
    return {"alpha": ALPHA, "segments": SEGMENTS, "lifts": lifts, "srm": srm, "pooled": pooled}


def main():
    ref.self_check()
    json.dump({"ols": ols_cases(), "campaign": campaign_case()}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

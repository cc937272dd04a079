#!/usr/bin/env python3
"""Independent reference for Tailor's statistics engine (python3 standard library only).

Writes tests/data/stats_cases.json: golden vectors for the core tests. Nothing here shares
code with core/stats: distributions come from statistics.NormalDist (normal) and from the
textbook continued fraction for the regularized incomplete beta / series + continued
fraction for the regularized gamma (Numerical Recipes, ch. 6.2 and 6.4), with quantiles by
bisection. Formulas are the published ones (Welch 1947; delta method; Holm 1979;
Benjamini-Hochberg 1995; Waudby-Smith et al. 2023 eq. 9, 134 and 161; normal-normal conjugacy)
with GrowthBook's definitions where gbstats has one, read from gbstats' source
(packages/stats/gbstats: utils.frequentist_diff divides by |control mean|;
models/statistics.compute_theta pools both arms' sums; models/tests.
frequentist_variance_relative_cuped; frequentist/tests.SequentialOneSided*: rho at 2 alpha, the
p-value found by bisection over alpha in [1e-5, 0.4999]) and GrowthBook's back-end checkSrm
(weight-0 arms dropped). The one-sided sequential p-value is found here by bisection, as gbstats
does (to 1e-15 instead of gbstats' 1e-6), so it checks the engine's closed form.
The module self-checks against printed table values before writing anything.

Usage: python3 tools/gen/stats_reference.py > tests/data/stats_cases.json
"""
import json
import math
import sys
from statistics import NormalDist

N01 = NormalDist()


# --- distributions ---------------------------------------------------------------------
def betacf(a, b, x):
    # Lentz's continued fraction for the incomplete beta function.
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c
        c = c if abs(c) > tiny else tiny
        de = d * c
        h *= de
        if abs(de - 1) < 1e-16:
            break
    return h


def betai(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * betacf(a, b, x) / a
    return 1 - math.exp(lbt) * betacf(b, a, 1 - x) / b


def t_sf(t, dof):
    """P(T > t)."""
    if math.isinf(dof):
        return 1 - N01.cdf(t) if t < 0 else N01.cdf(-t)
    x = dof / (dof + t * t)
    tail = 0.5 * betai(dof / 2, 0.5, x)
    return tail if t >= 0 else 1 - tail


def t_ppf(p, dof):
    lo, hi = -1e3, 1e3
    for _ in range(400):
        mid = (lo + hi) / 2
        if 1 - t_sf(mid, dof) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def gammq(a, x):
    """Upper regularized gamma Q(a, x)."""
    if x <= 0:
        return 1.0
    gln = math.lgamma(a)
    if x < a + 1:
        ap, s, de = a, 1 / a, 1 / a
        for _ in range(100000):
            ap += 1
            de *= x / ap
            s += de
            if abs(de) < abs(s) * 1e-17:
                break
        return 1 - s * math.exp(-x + a * math.log(x) - gln)
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 100000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1 / (d if abs(d) > tiny else tiny)
        c = b + an / c
        c = c if abs(c) > tiny else tiny
        de = d * c
        h *= de
        if abs(de - 1) < 1e-17:
            break
    return math.exp(-x + a * math.log(x) - gln) * h


def chi2_sf(x, dof):
    return gammq(dof / 2, x / 2)


def self_check():
    # Printed tables: NIST/SEMATECH e-Handbook 1.3.6.7.2 (t) and 1.3.6.7.4 (chi-square).
    assert abs(t_ppf(0.975, 10) - 2.228) < 5e-4
    assert abs(t_ppf(0.95, 5) - 2.015) < 5e-4
    assert abs(t_ppf(0.995, 30) - 2.750) < 5e-4
    assert abs(chi2_sf(3.841, 1) - 0.05) < 1e-4
    assert abs(chi2_sf(5.991, 2) - 0.05) < 1e-4
    assert abs(chi2_sf(10.828, 1) - 0.001) < 1e-5
    assert abs(N01.inv_cdf(0.975) - 1.959964) < 1e-6


# --- the engine's formulas, written out independently ----------------------------------
def arm_mean(n, s, ss):
    return n, s / n, (ss - s * s / n) / (n - 1)


def arm_prop(n, k):
    p = k / n
    return n, p, p * (1 - p)


def effect(c, t, relative):
    nc, mc, vc = c
    nt, mt, vt = t
    a, b = vt / nt, vc / nc
    den = (a * a / (nt - 1) if a else 0) + (b * b / (nc - 1) if b else 0)
    dof = (a + b) ** 2 / den if den else math.inf
    if relative:
        # gbstats' frequentist_diff: divided by |control mean| (the sign of the absolute effect).
        return (mt - mc) / abs(mc), vt / (mc**2 * nt) + vc * mt**2 / (mc**4 * nc), dof
    return mt - mc, a + b, dof


def welch(c, t, relative, alpha, alt):
    e, var, dof = effect(c, t, relative)
    se = math.sqrt(var)
    z = e / se
    if alt == "two-sided":
        p = 2 * t_sf(abs(z), dof)
        w = t_ppf(1 - alpha / 2, dof) * se
        ci = [e - w, e + w]
    elif alt == "greater":
        p = t_sf(z, dof)
        ci = [e - t_ppf(1 - alpha, dof) * se, None]
    else:
        p = 1 - t_sf(z, dof)
        ci = [None, e + t_ppf(1 - alpha, dof) * se]
    return {"effect": e, "se": se, "ci": ci, "p_value": min(1.0, p), "dof": dof}


def rho_squared(level, n_star):
    la = math.log(level)
    return (-2 * la + math.log(-2 * la + 1)) / n_star


def sequential(c, t, relative, alpha, n_star, alt="two-sided"):
    e, var, _ = effect(c, t, relative)
    n = c[0] + t[0]
    s2 = var * n
    if alt != "two-sided":
        return sequential_one_sided(e, var, n, alpha, n_star, alt)
    rho2 = rho_squared(alpha, n_star)
    hw = math.sqrt(s2) * math.sqrt(2 * (n * rho2 + 1) / (n * n * rho2) * math.log(math.sqrt(n * rho2 + 1) / alpha))
    p = min(1.0, math.sqrt(n * rho2 + 1) * math.exp(-e * e * n * n * rho2 / (2 * s2 * (n * rho2 + 1))))
    return {"effect": e, "se": math.sqrt(var), "ci": [e - hw, e + hw], "p_value": p}


def sequential_one_sided(e, var, n, alpha, n_star, alt):
    # gbstats SequentialOneSidedTreatment{Greater,Lesser}TTest: rho at level 2 alpha (fixed
    # once), eq. 134 halfwidth at level alpha.
    rho = math.sqrt(rho_squared(2 * alpha, n_star))

    def bound(a):  # the finite end of the one-sided sequence at level a
        hw = math.sqrt(var * n * 2 * (n * rho**2 + 1) / (n * rho) ** 2
                       * math.log(1 + math.sqrt(n * rho**2 + 1) / (2 * a)))
        return e - hw if alt == "greater" else e + hw

    # p: the level at which the bound reaches 0, searched in [1e-5, 0.4999] by bisection
    # (a smaller level widens the sequence): first the ends, as gbstats checks them.
    lo, hi = 1e-5, 0.4999
    excludes = (lambda b: b > 0) if alt == "greater" else (lambda b: b < 0)
    if excludes(bound(lo)):
        p = lo
    elif not excludes(bound(hi)) and bound(hi) != 0:
        p = hi
    else:
        for _ in range(200):
            mid = (lo + hi) / 2
            if excludes(bound(mid)):
                hi = mid
            else:
                lo = mid
        p = (lo + hi) / 2
    ci = [bound(alpha), None] if alt == "greater" else [None, bound(alpha)]
    return {"effect": e, "se": math.sqrt(var), "ci": ci, "p_value": p}


def stratified(periods, relative, alpha):
    # Post-stratified by period (weights N_k/N), normal reference; relative over |M_c|.
    total = sum(pc[0] + pt[0] for pc, pt in periods)
    mc = sum((pc[0] + pt[0]) / total * pc[1] for pc, pt in periods)
    mt = sum((pc[0] + pt[0]) / total * pt[1] for pc, pt in periods)
    vc = sum(((pc[0] + pt[0]) / total) ** 2 * pc[2] / pc[0] for pc, pt in periods)
    vt = sum(((pc[0] + pt[0]) / total) ** 2 * pt[2] / pt[0] for pc, pt in periods)
    if relative:
        e, var = (mt - mc) / abs(mc), vt / mc**2 + mt**2 * vc / mc**4
    else:
        e, var = mt - mc, vt + vc
    se = math.sqrt(var)
    w = N01.inv_cdf(1 - alpha / 2) * se
    return {"effect": e, "se": se, "ci": [e - w, e + w], "p_value": 2 * N01.cdf(-abs(e / se))}


def bayesian(c, t, relative, alpha, prior):
    e, var, _ = effect(c, t, relative)
    if prior and prior["proper"]:
        prec = 1 / var + 1 / prior["variance"]
        mean = (e / var + prior["mean"] / prior["variance"]) / prec
        var = 1 / prec
    else:
        mean = e
    sd = math.sqrt(var)
    z = mean / sd
    pdf = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    return {
        "effect": mean,
        "se": sd,  # the posterior's standard deviation
        "ci": [mean + sd * N01.inv_cdf(alpha / 2), mean + sd * N01.inv_cdf(1 - alpha / 2)],
        "chance_to_win": N01.cdf(z),
        # E[max(effect, 0)] and E[max(-effect, 0)] of a normal: loss from keeping control,
        # loss from shipping treatment.
        "risk": [mean * N01.cdf(z) + sd * pdf, -mean * N01.cdf(-z) + sd * pdf],
    }


def cuped(c, t, relative, alpha):
    # c, t: (n, sum, sum_squares, pre_sum, pre_sum_squares, sum_product). gbstats' definitions:
    # theta from the two arms' sums added (compute_theta on the joint statistic), adjusted
    # means ybar - theta xbar, relative effect over the *unadjusted* |control mean|.
    def cov(n, sx, sy, sxy):
        return (sxy - sx * sy / n) / (n - 1)
    j = [c[i] + t[i] for i in range(6)]
    vx_j, vy_j = cov(j[0], j[3], j[3], j[4]), cov(j[0], j[1], j[1], j[2])
    theta = cov(j[0], j[3], j[1], j[5]) / vx_j if vx_j > 0 and vy_j > 0 else 0.0
    arms = []
    for a in (c, t):
        n = a[0]
        # Sigma: covariance matrix of (ybar, xbar) of one arm.
        vy, vx, cxy = cov(n, a[1], a[1], a[2]), cov(n, a[3], a[3], a[4]), cov(n, a[3], a[1], a[5])
        arms.append({"n": n, "y": a[1] / n, "x": a[3] / n, "vy": vy,
                     "sigma": [[vy / n, cxy / n], [cxy / n, vx / n]],
                     "adj_var": vy + theta**2 * vx - 2 * theta * cxy})
    ac, at = arms
    diff = (at["y"] - theta * at["x"]) - (ac["y"] - theta * ac["x"])

    def quad(g, m):
        return sum(g[i] * m[i][k] * g[k] for i in range(2) for k in range(2))
    if relative:
        # Delta method on diff / yc: gradient in (ybar_t, xbar_t) is (1, -theta) / yc and in
        # (ybar_c, xbar_c) it is (-yt / yc^2, theta / yc) (gbstats' form); the estimate divides
        # by |yc|, which flips the gradient's sign only, not the variance.
        yc, yt = ac["y"], at["y"]
        e = diff / abs(yc)
        var = quad([1 / yc, -theta / yc], at["sigma"]) + quad([-yt / yc**2, theta / yc], ac["sigma"])
        plain = effect((ac["n"], yc, ac["vy"]), (at["n"], yt, at["vy"]), True)[1]
    else:
        e = diff
        var = quad([1, -theta], at["sigma"]) + quad([-1, theta], ac["sigma"])
        plain = at["vy"] / at["n"] + ac["vy"] / ac["n"]
    # Welch t reference with the adjusted per-unit variances (theta treated as known).
    a, b = at["adj_var"] / at["n"], ac["adj_var"] / ac["n"]
    dof = (a + b) ** 2 / (a * a / (at["n"] - 1) + b * b / (ac["n"] - 1))
    se = math.sqrt(var)
    w = t_ppf(1 - alpha / 2, dof) * se
    return {"effect": e, "se": se, "ci": [e - w, e + w], "p_value": 2 * t_sf(abs(e / se), dof),
            "theta": theta, "variance_reduction": 1 - var / plain}


def srm(obs, w):
    # GrowthBook's checkSrm: weight-0 arms are dropped, their users leave the total.
    kept = [(o, wi) for o, wi in zip(obs, w) if wi > 0]
    tot, tw = sum(o for o, _ in kept), sum(wi for _, wi in kept)
    if len(kept) < 2 or tot == 0:
        return {"chi2": 0.0, "dof": max(len(kept) - 1, 0), "p_value": 1.0}
    x = sum((o - tot * wi / tw) ** 2 / (tot * wi / tw) for o, wi in kept)
    return {"chi2": x, "dof": len(kept) - 1, "p_value": chi2_sf(x, len(kept) - 1)}


def sample_size_prop(pc, pt, alpha, power):
    z = N01.inv_cdf(1 - alpha / 2) + N01.inv_cdf(power)
    return math.ceil(z * z * (pc * (1 - pc) + pt * (1 - pt)) / (pt - pc) ** 2)


def sample_size_mean(sd, mde, alpha, power):
    z = N01.inv_cdf(1 - alpha / 2) + N01.inv_cdf(power)
    return math.ceil(2 * z * z * sd * sd / mde**2)


def gbstats_definitions(cases):
    """The cases of issue 14 section 1: each definition where gbstats' differs from the
    textbook one (negative control mean, CUPED, one-sided sequential, SRM weight 0)."""
    cu_c = (1000, 10250.0, 115900.0, 9800.0, 106500.0, 109100.0)
    cu_t = (1000, 10900.0, 130000.0, 9900.0, 108300.0, 115400.0)
    # gbstats' own RA test inputs (tests/frequentist/test_tests.py test_sequential_test_runs_ra).
    gb_c = (3000, 1396.87, 52377.9767, 16.87, 527.9767, 1.0)
    gb_t = (3461, 2422.7, 134698.29, 22.7, 1348.29, 1.0)
    # A metric below zero (net margin per user after refunds), x its pre-period value.
    neg_c = (500, -1000.0, 5000.0, -900.0, 4120.0, 3985.6)
    neg_t = (520, -780.0, 4550.0, -960.0, 4476.3, 3775.5)
    cases["cuped"] = [{"name": f"{name} relative={rel}", "control": cc, "treatment": ct,
                       "relative": rel, "alpha": 0.05, "expect": cuped(cc, ct, rel, 0.05)}
                      for name, cc, ct in (("synthetic sums", cu_c, cu_t),
                                           ("gbstats RA example", gb_c, gb_t),
                                           ("negative control mean", neg_c, neg_t))
                      for rel in (False, True)]
    # Negative control means: gbstats' (-10 -> -5, spread 2) and a net-margin metric.
    neg = []
    for name, nc, nt in (("-10 -> -5", (1000, -10000.0, 104000.0), (1000, -5000.0, 29000.0)),
                         ("net margin -1.25 -> -0.9", (2000, -2500.0, 21125.0),
                          (2100, -1890.0, 21651.0)),
                         ("-0.9 -> -1.25 (worse)", (2100, -1890.0, 21651.0),
                          (2000, -2500.0, 21125.0))):
        c, t = arm_mean(*nc), arm_mean(*nt)
        base = {"control": nc, "treatment": nt, "relative": True, "alpha": 0.05}
        neg.append(dict(base, name=f"{name} frequentist", test="frequentist",
                        alternative="two-sided", expect=welch(c, t, True, 0.05, "two-sided")))
        neg.append(dict(base, name=f"{name} frequentist greater", test="frequentist",
                        alternative="greater", expect=welch(c, t, True, 0.05, "greater")))
        neg.append(dict(base, name=f"{name} sequential", test="sequential", n_star=5000,
                        expect=sequential(c, t, True, 0.05, 5000)))
        neg.append(dict(base, name=f"{name} bayesian", test="bayesian",
                        expect=bayesian(c, t, True, 0.05, None)))
        half_c, half_t = (nc[0] // 2, nc[1] / 2, nc[2] / 2), (nt[0] // 2, nt[1] / 2, nt[2] / 2)
        periods = [(arm_mean(*half_c), arm_mean(*half_t)), (arm_mean(*half_c), arm_mean(*half_t))]
        neg.append(dict(base, name=f"{name} stratified (two equal periods)", test="stratified",
                        expect=stratified(periods, True, 0.05)))
    cases["negative_control"] = neg
    # One-sided sequential: gbstats' published example (control n = 3000, N* = 5000), the issue
    # example (n = 3407), a clear win in proportions, a clear loss tested with "less".
    c3000 = (3000, 1396.87, 52377.9767)
    issue_c, issue_t = (3407, 1396.87, 52377.9767), (3461, 2422.7, 134698.29)
    one = []
    for name, nc, nt, n_star in (("gbstats example", c3000, issue_t, 5000),
                                 ("issue example", issue_c, issue_t, 5000),
                                 ("issue example N*=20000", issue_c, issue_t, 20000),
                                 ("issue example reversed", issue_t, issue_c, 5000)):
        for rel in (True, False):
            for alt in ("greater", "less"):
                one.append({"name": f"{name} relative={rel} {alt}", "control": nc,
                            "treatment": nt, "relative": rel, "alpha": 0.05, "n_star": n_star,
                            "alternative": alt,
                            "expect": sequential(arm_mean(*nc), arm_mean(*nt), rel, 0.05, n_star,
                                                 alt)})
    pc, pt = arm_prop(5000, 500), arm_prop(5000, 640)
    for alt in ("greater", "less"):
        one.append({"name": f"proportions 500/5000 vs 640/5000 {alt} alpha=0.1",
                    "control_prop": [5000, 500], "treatment_prop": [5000, 640], "relative": True,
                    "alpha": 0.1, "n_star": 10000, "alternative": alt,
                    "expect": sequential(pc, pt, True, 0.1, 10000, alt)})
    cases["sequential_one_sided"] = one
    # GrowthBook's back-end test cases (packages/back-end/test/stats.test.ts) and more.
    cases["srm"] = [{"observed": o, "weights": w, "expect": srm(o, w)} for o, w in (
        ([1000, 1200], [0.5, 0.5]), ([5000, 5100, 4900], [1, 1, 1]),
        ([3000, 3500, 3500], [0.3, 0.35, 0.35]), ([2950, 3600, 3450], [0.3, 0.35, 0.35]),
        ([1000, 1200, 900], [0.5, 0.5, 0]), ([1000, 900, 800], [1, 0, 0]),
        ([0, 10, 10], [0.34, 0.33, 0.33]), ([500, 500, 600], [0.34, 0.33, 0.33]),
        ([135, 115], [0.5, 0.5]), ([310, 98], [0.75, 0.25]), ([0, 0, 0], [0.34, 0.33, 0.33]),
        ([700, 0, 320, 280], [0.5, 0, 0.25, 0.25]), ([40, 7], [0, 0]))]


def main():
    self_check()
    cases = {"source": "tools/gen/stats_reference.py (python3 stdlib, independent of core/stats)"}
    issue_c = (3407, 1396.87, 52377.9767)
    issue_t = (3461, 2422.7, 134698.29)
    c, t = arm_mean(*issue_c), arm_mean(*issue_t)
    freq = []
    for rel in (True, False):
        for alt in ("two-sided", "greater", "less"):
            freq.append({"name": f"issue example relative={rel} {alt}", "control": issue_c,
                         "treatment": issue_t, "relative": rel, "alpha": 0.05, "alternative": alt,
                         "expect": welch(c, t, rel, 0.05, alt)})
    pc, pt = arm_prop(1000, 100), arm_prop(1200, 150)
    for rel in (True, False):
        freq.append({"name": f"proportions 100/1000 vs 150/1200 relative={rel}",
                     "control_prop": [1000, 100], "treatment_prop": [1200, 150], "relative": rel,
                     "alpha": 0.05, "alternative": "two-sided",
                     "expect": welch(pc, pt, rel, 0.05, "two-sided")})
    # Tiny n: Welch dof far from normal (n = 3 and 4).
    small_c, small_t = (3, 6.0, 14.0), (4, 14.0, 54.0)
    freq.append({"name": "tiny n: control {1,2,3}, treatment {2,3,4,5}", "control": small_c,
                 "treatment": small_t, "relative": False, "alpha": 0.1,
                 "alternative": "two-sided",
                 "expect": welch(arm_mean(*small_c), arm_mean(*small_t), False, 0.1, "two-sided")})
    cases["frequentist"] = freq
    cases["sequential"] = [{"name": "issue example n_star=5000", "control": issue_c,
                            "treatment": issue_t, "relative": True, "alpha": 0.05, "n_star": 5000,
                            "expect": sequential(c, t, True, 0.05, 5000)},
                           {"name": "issue example absolute n_star=100000", "control": issue_c,
                            "treatment": issue_t, "relative": False, "alpha": 0.05,
                            "n_star": 100000, "expect": sequential(c, t, False, 0.05, 100000)}]
    cases["bayesian"] = [{"name": "issue example, flat prior", "control": issue_c,
                          "treatment": issue_t, "relative": True, "alpha": 0.05, "prior": None,
                          "expect": bayesian(c, t, True, 0.05, None)},
                         {"name": "issue example, proper prior N(0, 0.09)", "control": issue_c,
                          "treatment": issue_t, "relative": True, "alpha": 0.05,
                          "prior": {"mean": 0, "variance": 0.09, "proper": True},
                          "expect": bayesian(c, t, True, 0.05,
                                             {"mean": 0, "variance": 0.09, "proper": True})},
                         {"name": "proportions absolute, proper prior N(0.01, 0.0004)",
                          "control_prop": [1000, 100], "treatment_prop": [1200, 150],
                          "relative": False, "alpha": 0.1,
                          "prior": {"mean": 0.01, "variance": 0.0004, "proper": True},
                          "expect": bayesian(pc, pt, False, 0.1,
                                             {"mean": 0.01, "variance": 0.0004, "proper": True})}]
    gbstats_definitions(cases)
    cases["sample_size"] = [
        {"metric": "proportion", "baseline": 0.025, "treatment": 0.029, "alpha": 0.05,
         "power": 0.8, "expect": sample_size_prop(0.025, 0.029, 0.05, 0.8)},
        {"metric": "proportion", "baseline": 0.025, "treatment": 0.02875, "alpha": 0.05,
         "power": 0.8, "expect": sample_size_prop(0.025, 0.02875, 0.05, 0.8)},
        {"metric": "proportion", "baseline": 0.1, "treatment": 0.12, "alpha": 0.01,
         "power": 0.9, "expect": sample_size_prop(0.1, 0.12, 0.01, 0.9)},
        {"metric": "mean", "sd": 40.0, "mde": 2.0, "alpha": 0.05, "power": 0.8,
         "expect": sample_size_mean(40.0, 2.0, 0.05, 0.8)}]
    json.dump(cases, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

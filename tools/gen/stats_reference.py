#!/usr/bin/env python3
"""Independent reference for Tailor's statistics engine (python3 standard library only).

Writes tests/data/stats_cases.json: golden vectors for the core tests. Nothing here shares
code with core/stats: distributions come from statistics.NormalDist (normal) and from the
textbook continued fraction for the regularized incomplete beta / series + continued
fraction for the regularized gamma (Numerical Recipes, ch. 6.2 and 6.4), with quantiles by
bisection. Formulas are the published ones (Welch 1947; delta method; Holm 1979;
Benjamini-Hochberg 1995; Waudby-Smith et al. 2023 eq. 9 and 161; normal-normal conjugacy).
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
        return (mt - mc) / mc, vt / (mc**2 * nt) + vc * mt**2 / (mc**4 * nc), dof
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


def sequential(c, t, relative, alpha, n_star):
    e, var, _ = effect(c, t, relative)
    n = c[0] + t[0]
    s2 = var * n
    la = math.log(alpha)
    rho2 = (-2 * la + math.log(-2 * la + 1)) / n_star
    hw = math.sqrt(s2) * math.sqrt(2 * (n * rho2 + 1) / (n * n * rho2) * math.log(math.sqrt(n * rho2 + 1) / alpha))
    p = min(1.0, math.sqrt(n * rho2 + 1) * math.exp(-e * e * n * n * rho2 / (2 * s2 * (n * rho2 + 1))))
    return {"effect": e, "ci": [e - hw, e + hw], "p_value": p}


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
        "ci": [mean + sd * N01.inv_cdf(alpha / 2), mean + sd * N01.inv_cdf(1 - alpha / 2)],
        "chance_to_win": N01.cdf(z),
        # E[max(effect, 0)] and E[max(-effect, 0)] of a normal: loss from keeping control,
        # loss from shipping treatment.
        "risk": [mean * N01.cdf(z) + sd * pdf, -mean * N01.cdf(-z) + sd * pdf],
    }


def cuped(c, t, relative, alpha):
    # c, t: (n, sum, sum_squares, pre_sum, pre_sum_squares, sum_product)
    def cov(n, sx, sy, sxy):
        return (sxy - sx * sy / n) / (n - 1)
    num = sum(cov(a[0], a[3], a[1], a[5]) * (a[0] - 1) for a in (c, t))
    den = sum(cov(a[0], a[3], a[3], a[4]) * (a[0] - 1) for a in (c, t))
    theta = num / den
    out = []
    for a in (c, t):
        n = a[0]
        vy, vx, cxy = cov(n, a[1], a[1], a[2]), cov(n, a[3], a[3], a[4]), cov(n, a[3], a[1], a[5])
        out.append((n, a[1] / n, a[3] / n, vy, vx, cxy, vy + theta**2 * vx - 2 * theta * cxy))
    (nc, yc, xc, vyc, _, cxyc, vac), (nt, yt, xt, _, _, _, vat) = out
    diff = (yt - theta * xt) - (yc - theta * xc)
    var_diff = vat / nt + vac / nc
    if relative:
        cov_d_yc = -(vyc - theta * cxyc) / nc
        e = diff / yc
        var = var_diff / yc**2 + diff**2 * (vyc / nc) / yc**4 - 2 * diff * cov_d_yc / yc**3
    else:
        e, var = diff, var_diff
    # Welch t reference with the adjusted per-unit variances (theta treated as known).
    a, b = vat / nt, vac / nc
    dof = (a + b) ** 2 / (a * a / (nt - 1) + b * b / (nc - 1))
    se = math.sqrt(var)
    w = t_ppf(1 - alpha / 2, dof) * se
    return {"effect": e, "ci": [e - w, e + w], "p_value": 2 * t_sf(abs(e / se), dof),
            "theta": theta}


def srm(obs, w):
    tot, tw = sum(obs), sum(w)
    x = sum((o - tot * wi / tw) ** 2 / (tot * wi / tw) for o, wi in zip(obs, w))
    return {"chi2": x, "p_value": chi2_sf(x, len(obs) - 1)}


def sample_size_prop(pc, pt, alpha, power):
    z = N01.inv_cdf(1 - alpha / 2) + N01.inv_cdf(power)
    return math.ceil(z * z * (pc * (1 - pc) + pt * (1 - pt)) / (pt - pc) ** 2)


def sample_size_mean(sd, mde, alpha, power):
    z = N01.inv_cdf(1 - alpha / 2) + N01.inv_cdf(power)
    return math.ceil(2 * z * z * sd * sd / mde**2)


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
    cu_c = (1000, 10250.0, 115900.0, 9800.0, 106500.0, 109100.0)
    cu_t = (1000, 10900.0, 130000.0, 9900.0, 108300.0, 115400.0)
    cases["cuped"] = [{"name": f"synthetic sums relative={rel}", "control": cu_c,
                       "treatment": cu_t, "relative": rel, "alpha": 0.05,
                       "expect": cuped(cu_c, cu_t, rel, 0.05)} for rel in (False, True)]
    cases["srm"] = [{"observed": o, "weights": w, "expect": srm(o, w)} for o, w in (
        ([1000, 1200], [0.5, 0.5]), ([5000, 5100, 4900], [1, 1, 1]),
        ([3000, 3500, 3500], [0.3, 0.35, 0.35]), ([2950, 3600, 3450], [0.3, 0.35, 0.35]))]
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

#!/usr/bin/env python3
"""Golden outcomes for tests/simulate/simulate_test.cc ("simulate: outcomes match an independent
implementation"), computed from the documentation alone: core/simulate/truth.h (the model),
core/simulate/simulate.h (seeding and the order of draws) and core/bandit/random.h (SplitMix64,
xoshiro256**, 53-bit uniforms, Marsaglia's polar normal). Run: python3 tools/gen/simulate-golden.py
and paste the printed lines into the test."""
import math

M = 2**64
TRUTH_SEED = 99
SEND = 1796115600000  # 2026-12-01T09:00:00Z
WINDOW = 7 * 86400000
BASE = dict(open=0.7, click=0.6, purchase=0.5, unsubscribe=0.2)
SIGMA = 0.5


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) % M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % M
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) % M


class Rng:
    def __init__(self, seed):
        self.s = []
        for _ in range(4):
            seed, v = splitmix64(seed)
            self.s.append(v)
        self.spare = None

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) % M, 7) * 9) % M
        t = (s[1] << 17) % M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0**-53

    def normal(self):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return v
        while True:
            u = 2 * self.uniform() - 1
            v = 2 * self.uniform() - 1
            s = u * u + v * v
            if 0 < s < 1:
                break
        f = math.sqrt(-2 * math.log(s) / s)
        self.spare = v * f
        return u * f


def fnv1a64(text):
    h = 0xCBF29CE484222325
    for c in text.encode():
        h ^= c
        h = (h * 0x100000001B3) % M
    return h


def sigmoid(x):
    return 1 / (1 + math.exp(-x))


def logit(p):
    return math.log(p / (1 - p))


def trunc_exp(u, rate):
    return -math.log1p(-u * -math.expm1(-rate)) / rate


ARMS = ["control", "benefit", "urgency"]
for n in range(1, 13):
    customer = f"c{n}"
    segment = "B" if n % 2 else "A"
    arm = ARMS[(n // 2) % 3]
    engagement = ((n * 7919) % 1000) / 1000
    member = 1.0 if n % 3 == 0 else 0.0
    z = [(engagement - 0.5) / 0.25, (member - 0) / 1]
    treated = arm != "control"
    eta = {k: logit(v) for k, v in BASE.items()}
    shared = 0.0
    if segment == "A":
        eta["open"] += 0.4
        if arm == "benefit":
            shared += 0.5
    if arm == "urgency":
        eta["open"] += 0.1
        eta["unsubscribe"] += 0.4
    # engagement: open 0.6, click 0.2, uplift 0.4; member: purchase 0.5, uplift -0.3
    eta["open"] += 0.6 * z[0]
    eta["click"] += 0.2 * z[0]
    if treated:
        shared += 0.4 * z[0]
    eta["purchase"] += 0.5 * z[1]
    if treated:
        shared += -0.3 * z[1]
    p_open = sigmoid(eta["open"] + shared)
    p_click = sigmoid(eta["click"] + shared)
    p_purchase = sigmoid(eta["purchase"] + shared)
    p_unsub = sigmoid(eta["unsubscribe"])
    revenue_mean = 140 if segment == "A" else 90

    _, mixed = splitmix64(TRUTH_SEED)
    rng = Rng(fnv1a64(customer) ^ mixed)
    u = [rng.uniform() for _ in range(8)]
    end = SEND + WINDOW
    parts = [customer]
    if u[0] < p_open:
        open_ms = SEND + math.floor(WINDOW * trunc_exp(u[4], 6))
        parts.append(f"open@{open_ms}")
        if u[1] < p_click:
            click_ms = open_ms + math.floor((end - open_ms) * trunc_exp(u[5], 40))
            parts.append(f"click@{click_ms}")
            if u[2] < p_purchase:
                purchase_ms = click_ms + math.floor((end - click_ms) * trunc_exp(u[6], 10))
                revenue = revenue_mean * math.exp(SIGMA * rng.normal() - SIGMA * SIGMA / 2)
                cents = max(1, round(revenue * 100))
                parts.append(f"purchase@{purchase_ms}={cents}")
        if u[3] < p_unsub:
            unsub_ms = open_ms + math.floor((end - open_ms) * trunc_exp(u[7], 30))
            parts.append(f"unsubscribe@{unsub_ms}")
    print('"' + " ".join(parts) + '",')

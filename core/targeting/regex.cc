// Backtracking matcher for tailor::targeting::Regex. All backtracking state lives in an explicit
// stack of frames; nothing recurses, so input size and pattern shape cannot exhaust the C++ stack.
#include "core/targeting/regex.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/targeting/regex_internal.h"

namespace tailor::targeting {
namespace {

using regex_internal::canonicalize;
using regex_internal::Inst;
using regex_internal::Loop;
using regex_internal::Op;
using regex_internal::Program;

enum class FrameKind : int32_t {
  kChoice,      // resume at pc a, position b
  kUndo,        // restore register a to b
  kLook,        // lookaround of kind a entered at position b, continuing at pc c
  kStarGreedy,  // kStar at pc a consumed up to position b and may give back down to c
  kStarLazy,    // kStar at pc a stopped at position b after c repetitions and may take more
};

struct Frame {
  FrameKind kind;
  int32_t a, b, c;
};

bool is_word_unit(char16_t c) {
  return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
         c == u'_';
}

class Matcher {
 public:
  Matcher(const Program& program, std::u16string_view input)
      : p_(program),
        in_(input),
        n_(static_cast<int32_t>(input.size())),
        regs_(static_cast<size_t>(program.reg_count), -1) {}

  Regex::MatchResult search() {
    int32_t last_start = p_.anchored ? 0 : n_;
    for (int32_t start = 0; start <= last_start; ++start) {
      switch (run(start)) {
        case Outcome::kMatch:
          return Regex::MatchResult::kMatch;
        case Outcome::kAbort:
          return Regex::MatchResult::kBudgetExhausted;
        case Outcome::kFail:
          break;
      }
    }
    return Regex::MatchResult::kNoMatch;
  }

 private:
  enum class Outcome { kMatch, kFail, kAbort };

  bool unit_matches(Op op, int32_t value, char16_t c) const {
    switch (op) {
      case Op::kChar:
        return (p_.ignore_case ? canonicalize(c) : c) == value;
      case Op::kAny:
        return c != u'\n' && c != u'\r' && c != u'\u2028' && c != u'\u2029';
      default: {
        const regex_internal::CharClass& cls = p_.classes[value];
        return cls.contains(p_.ignore_case ? canonicalize(c) : c) != cls.negated;
      }
    }
  }
  // Consumes one unit matching (op, value) at pos in the given direction.
  bool step_unit(Op op, int32_t value, bool backward, int32_t& pos) const {
    if (backward) {
      if (pos == 0 || !unit_matches(op, value, in_[pos - 1])) return false;
      --pos;
    } else {
      if (pos == n_ || !unit_matches(op, value, in_[pos])) return false;
      ++pos;
    }
    return true;
  }

  // Past the cap the frame is dropped and the search aborts before the state is used again.
  void push(FrameKind kind, int32_t a, int32_t b, int32_t c = 0) {
    if (stack_.size() >= Regex::kMaxBacktrackEntries) {
      overflow_ = true;
      return;
    }
    stack_.push_back(Frame{kind, a, b, c});
  }
  void set_reg(int32_t reg, int32_t value) {
    if (regs_[reg] == value) return;
    push(FrameKind::kUndo, reg, regs_[reg]);
    regs_[reg] = value;
  }
  int32_t group_start_reg(int32_t group) const { return 2 * (p_.group_count + 1) + group; }

  Outcome run(int32_t start) {
    int32_t pos = start;
    int32_t pc = 0;
    for (;;) {
      if (++steps_ > Regex::kMaxSteps || overflow_) return Outcome::kAbort;
      const Inst& in = p_.code[pc];
      bool ok = true;
      switch (in.op) {
        case Op::kChar:
        case Op::kAny:
        case Op::kClass:
          ok = step_unit(in.op, in.a, in.backward, pos);
          ++pc;
          break;
        case Op::kStart:
          ok = pos == 0;
          ++pc;
          break;
        case Op::kEnd:
          ok = pos == n_;
          ++pc;
          break;
        case Op::kWordBoundary:
        case Op::kNotWordBoundary: {
          bool before = pos > 0 && is_word_unit(in_[pos - 1]);
          bool after = pos < n_ && is_word_unit(in_[pos]);
          ok = (before != after) == (in.op == Op::kWordBoundary);
          ++pc;
          break;
        }
        case Op::kSplit:
          push(FrameKind::kChoice, in.b, pos);
          pc = in.a;
          break;
        case Op::kJmp:
          pc = in.a;
          break;
        case Op::kGroupStart:
          set_reg(group_start_reg(in.a), pos);
          ++pc;
          break;
        case Op::kGroupEnd: {
          // A group's capture appears only once the group completes, as in JS (`(a\1)`).
          int32_t other = regs_[group_start_reg(in.a)];
          set_reg(2 * in.a, std::min(other, pos));
          set_reg(2 * in.a + 1, std::max(other, pos));
          ++pc;
          break;
        }
        case Op::kResetCaps:
          for (int32_t g = in.a; g < in.b; ++g) {
            set_reg(2 * g, -1);
            set_reg(2 * g + 1, -1);
          }
          ++pc;
          break;
        case Op::kBackref:
          ok = backref(in, pos);
          ++pc;
          break;
        case Op::kLoopInit:
          set_reg(p_.loops[in.a].count_reg, 0);
          ++pc;
          break;
        case Op::kLoopHead: {
          const Loop& loop = p_.loops[in.a];
          int32_t count = regs_[loop.count_reg];
          if (count < loop.min) {
            ++pc;
          } else if (count >= loop.max) {
            pc = in.b;
          } else if (loop.greedy) {
            push(FrameKind::kChoice, in.b, pos);
            ++pc;
          } else {
            push(FrameKind::kChoice, pc + 1, pos);
            pc = in.b;
          }
          break;
        }
        case Op::kLoopBody:
          set_reg(p_.loops[in.a].start_reg, pos);
          ++pc;
          break;
        case Op::kLoopTail: {
          // ECMA-262 RepeatMatcher: an optional iteration that matched empty fails.
          const Loop& loop = p_.loops[in.a];
          int32_t count = regs_[loop.count_reg];
          if (count >= loop.min && pos == regs_[loop.start_reg]) {
            ok = false;
          } else {
            set_reg(loop.count_reg, count == regex_internal::kInfinity ? count : count + 1);
            pc = in.b;
          }
          break;
        }
        case Op::kStar:
          ok = star(in, pc, pos);
          break;
        case Op::kLookStart:
          push(FrameKind::kLook, in.a, pos, in.b);
          ++pc;
          break;
        case Op::kLookEnd:
          ok = look_end(pc, pos);
          break;
        case Op::kMatch:
          return Outcome::kMatch;
      }
      if (!ok && !backtrack(pc, pos)) return overflow_ ? Outcome::kAbort : Outcome::kFail;
    }
  }

  bool backref(const Inst& in, int32_t& pos) {
    int32_t s = regs_[2 * in.a], e = regs_[2 * in.a + 1];
    if (s < 0 || e < 0) return true;  // a group that did not participate matches empty
    int32_t len = e - s;
    steps_ += len;
    int32_t from = in.backward ? pos - len : pos;
    if (from < 0 || from + len > n_) return false;
    for (int32_t i = 0; i < len; ++i) {
      char16_t x = in_[s + i], y = in_[from + i];
      if (x != y && (!p_.ignore_case || canonicalize(x) != canonicalize(y))) return false;
    }
    pos = in.backward ? from : from + len;
    return true;
  }

  bool star(const Inst& in, int32_t& pc, int32_t& pos) {
    const Loop& loop = p_.loops[in.b];
    int32_t count = 0;
    int32_t cur = pos;
    int32_t want = loop.greedy ? loop.max : loop.min;
    while (count < want && step_unit(in.atom_op, in.a, in.backward, cur)) ++count;
    steps_ += count;
    if (count < loop.min) return false;
    if (loop.greedy) {
      int32_t low = in.backward ? pos - loop.min : pos + loop.min;
      if (count > loop.min) push(FrameKind::kStarGreedy, pc, cur, low);
    } else if (loop.min < loop.max) {
      push(FrameKind::kStarLazy, pc, cur, count);
    }
    pos = cur;
    ++pc;
    return true;
  }

  bool look_end(int32_t& pc, int32_t& pos) {
    size_t marker = stack_.size() - 1;
    while (stack_[marker].kind != FrameKind::kLook) --marker;
    Frame look = stack_[marker];
    steps_ += static_cast<int64_t>(stack_.size() - marker);
    if ((look.a & regex_internal::kLookNegative) == 0) {
      // Lookarounds are atomic: forget their choice points but keep capture undo records.
      size_t out = marker;
      for (size_t i = marker + 1; i < stack_.size(); ++i) {
        if (stack_[i].kind == FrameKind::kUndo) stack_[out++] = stack_[i];
      }
      stack_.resize(out);
      pos = look.b;
      pc = look.c;
      return true;
    }
    while (stack_.size() > marker) {  // the body matched, so (?!...) fails
      const Frame& f = stack_.back();
      if (f.kind == FrameKind::kUndo) regs_[f.a] = f.b;
      stack_.pop_back();
    }
    return false;
  }

  // Unwinds to the most recent alternative; false when none is left.
  bool backtrack(int32_t& pc, int32_t& pos) {
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      switch (f.kind) {
        case FrameKind::kUndo:
          regs_[f.a] = f.b;
          break;
        case FrameKind::kChoice:
          pc = f.a;
          pos = f.b;
          stack_.pop_back();
          return true;
        case FrameKind::kLook:
          if ((f.a & regex_internal::kLookNegative) != 0) {  // the body failed: (?!...) holds
            pc = f.c;
            pos = f.b;
            stack_.pop_back();
            return true;
          }
          break;
        case FrameKind::kStarGreedy: {
          const Inst& in = p_.code[f.a];
          f.b += in.backward ? 1 : -1;
          pc = f.a + 1;
          pos = f.b;
          if (f.b == f.c) stack_.pop_back();
          return true;
        }
        case FrameKind::kStarLazy: {
          const Inst& in = p_.code[f.a];
          const Loop& loop = p_.loops[in.b];
          if (step_unit(in.atom_op, in.a, in.backward, f.b)) {
            ++f.c;
            pc = f.a + 1;
            pos = f.b;
            if (f.c >= loop.max) stack_.pop_back();
            return true;
          }
          break;
        }
      }
      stack_.pop_back();
    }
    return false;
  }

  const Program& p_;
  std::u16string_view in_;
  int32_t n_;
  std::vector<int32_t> regs_;
  std::vector<Frame> stack_;
  int64_t steps_ = 0;
  bool overflow_ = false;
};

}  // namespace

Regex::Regex(std::shared_ptr<const regex_internal::Program> program)
    : program_(std::move(program)) {}

std::optional<Regex> Regex::compile(std::u16string_view source, bool ignore_case,
                                    std::string* error) {
  std::optional<regex_internal::Ast> ast = regex_internal::parse(source, error);
  if (!ast) return std::nullopt;
  return Regex(std::make_shared<const Program>(regex_internal::compile_program(*ast, ignore_case)));
}

Regex::MatchResult Regex::search(std::u16string_view input) const {
  // Positions are int32_t; no targeting attribute comes near this.
  if (input.size() > static_cast<size_t>(INT32_MAX) / 2) return MatchResult::kBudgetExhausted;
  return Matcher(*program_, input).search();
}


}  // namespace tailor::targeting

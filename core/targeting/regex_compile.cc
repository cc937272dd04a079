// Lowers a parsed RegExp to the backtracking VM code run by Regex::search.
#include <utility>

#include "core/targeting/regex_internal.h"

namespace tailor::targeting::regex_internal {
namespace {

class Compiler {
 public:
  Compiler(const Ast& ast, bool ignore_case) : ast_(ast) {
    prog_.ignore_case = ignore_case;
    prog_.group_count = ast.group_count;
    // Registers: captures 2g and 2g + 1 for g in [0, G], group starts, then loop registers.
    next_reg_ = 3 * (ast.group_count + 1);
    for (const CharClass& c : ast.classes) prog_.classes.push_back(fold(c));
  }

  Program run() {
    emit_node(ast_.root, false);
    emit(Op::kMatch);
    prog_.reg_count = next_reg_;
    prog_.anchored = prog_.code.front().op == Op::kStart;
    return std::move(prog_);
  }

 private:
  // With the i flag a class matches c when some member canonicalizes like c. Adding every
  // member's canonical form lets the matcher test canonicalize(c) directly (Canonicalize is
  // idempotent, so the non-canonical members left in the set can never be looked up).
  CharClass fold(const CharClass& c) const {
    if (!prog_.ignore_case) return c;
    CharClass out = c;
    for (const Range& r : c.ranges) {
      for_each_folded(r.lo, r.hi, [&](char16_t u) { out.add(u, u); });
    }
    out.normalize();
    return out;
  }

  int32_t here() const { return static_cast<int32_t>(prog_.code.size()); }
  int32_t emit(Op op, int32_t a = 0, int32_t b = 0, bool backward = false) {
    Inst in;
    in.op = op;
    in.a = a;
    in.b = b;
    in.backward = backward;
    prog_.code.push_back(in);
    return here() - 1;
  }

  static bool is_single_unit(const Node& n) {
    return n.kind == NodeKind::kChar || n.kind == NodeKind::kAny || n.kind == NodeKind::kClass;
  }

  int32_t char_value(const Node& n) const {
    if (n.kind == NodeKind::kChar && prog_.ignore_case) {
      return canonicalize(static_cast<char16_t>(n.value));
    }
    return n.value;
  }

  static Op atom_op(NodeKind k) {
    return k == NodeKind::kChar ? Op::kChar : k == NodeKind::kAny ? Op::kAny : Op::kClass;
  }

  void emit_node(int32_t index, bool backward) {
    const Node& n = ast_.nodes[index];
    switch (n.kind) {
      case NodeKind::kEmpty:
        break;
      case NodeKind::kChar:
      case NodeKind::kAny:
      case NodeKind::kClass:
        emit(atom_op(n.kind), char_value(n), 0, backward);
        break;
      case NodeKind::kStart:
        emit(Op::kStart);
        break;
      case NodeKind::kEnd:
        emit(Op::kEnd);
        break;
      case NodeKind::kWordBoundary:
        emit(Op::kWordBoundary);
        break;
      case NodeKind::kNotWordBoundary:
        emit(Op::kNotWordBoundary);
        break;
      case NodeKind::kBackref:
        emit(Op::kBackref, n.value, 0, backward);
        break;
      case NodeKind::kGroup:
        if (n.value == 0) {
          emit_node(n.children[0], backward);
        } else {
          emit(Op::kGroupStart, n.value);
          emit_node(n.children[0], backward);
          emit(Op::kGroupEnd, n.value);
        }
        break;
      case NodeKind::kLook: {
        int32_t start = emit(Op::kLookStart, n.value);
        emit_node(n.children[0], (n.value & kLookBehind) != 0);
        emit(Op::kLookEnd, n.value);
        prog_.code[start].b = here();
        break;
      }
      case NodeKind::kSeq:
        if (backward) {
          for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
            emit_node(*it, true);
          }
        } else {
          for (int32_t child : n.children) emit_node(child, false);
        }
        break;
      case NodeKind::kAlt: {
        std::vector<int32_t> jumps;
        for (size_t i = 0; i < n.children.size(); ++i) {
          int32_t split = -1;
          if (i + 1 < n.children.size()) split = emit(Op::kSplit, here() + 1);
          emit_node(n.children[i], backward);
          if (i + 1 < n.children.size()) {
            jumps.push_back(emit(Op::kJmp));
            prog_.code[split].b = here();
          }
        }
        for (int32_t j : jumps) prog_.code[j].a = here();
        break;
      }
      case NodeKind::kQuant:
        emit_quant(n, backward);
        break;
    }
  }

  void emit_quant(const Node& n, bool backward) {
    const Quantifier& q = ast_.quantifiers[n.value];
    if (q.max == 0) return;  // x{0} matches empty and leaves its groups undefined
    Loop loop;
    loop.min = q.min;
    loop.max = q.max;
    loop.greedy = q.greedy;
    const Node& atom = ast_.nodes[n.children[0]];
    if (is_single_unit(atom)) {
      int32_t id = add_loop(loop);
      int32_t star = emit(Op::kStar, char_value(atom), id, backward);
      prog_.code[star].atom_op = atom_op(atom.kind);
      return;
    }
    loop.count_reg = next_reg_++;
    loop.start_reg = next_reg_++;
    int32_t id = add_loop(loop);
    emit(Op::kLoopInit, id);
    int32_t head = emit(Op::kLoopHead, id);
    emit(Op::kLoopBody, id);
    if (q.end_group > q.first_group) emit(Op::kResetCaps, q.first_group, q.end_group);
    emit_node(n.children[0], backward);
    emit(Op::kLoopTail, id, head);
    prog_.code[head].b = here();
  }

  int32_t add_loop(const Loop& loop) {
    prog_.loops.push_back(loop);
    return static_cast<int32_t>(prog_.loops.size() - 1);
  }

  const Ast& ast_;
  Program prog_;
  int32_t next_reg_ = 0;
};

}  // namespace

Program compile_program(const Ast& ast, bool ignore_case) {
  return Compiler(ast, ignore_case).run();
}

}  // namespace tailor::targeting::regex_internal

// FlatTree and walk_tree: the semantic model and the rules walk every node in the order a
// recursive walk of the tree-sitter tree would, with LEAVE after a node's subtree, and a node
// not descended into keeps its subtree out of ENTER.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "check/syntax_tree.h"

namespace restack::check {
namespace {

/// "+symbol" on entering a node, "-symbol" on leaving it, from a recursive walk of the
/// tree-sitter tree itself; nodes of kind SKIP are entered and left, their children not walked.
void recursive_events(TSNode n, Kind skip, std::vector<std::string>& out) {
  out.push_back(std::string("+") + ts_node_type(n));
  if (kind_of(n) != skip)
    for (uint32_t i = 0; i < ts_node_child_count(n); ++i) recursive_events(ts_node_child(n, i), skip, out);
  out.push_back(std::string("-") + ts_node_type(n));
}

std::vector<std::string> flat_events(const FlatTree& tree, Kind skip) {
  std::vector<std::string> out;
  walk_tree(
      tree,
      [&](const FlatNode& f) {
        out.push_back(std::string("+") + ts_node_type(f.node));
        return f.kind != skip;
      },
      [&](const FlatNode& f) { out.push_back(std::string("-") + ts_node_type(f.node)); });
  return out;
}

const char* const kSources[] = {
    "",
    "x = 1\n",
    "import os\n\nclass A:\n    def f(self, a=1):\n        return [os.path.join(a, b) for b in range(3)]\n",
    "def broken(:\n    eval(x)\n\nprint(1)\n",
    "async def g():\n    await h(lambda q: (q, {1: [2, (3,)]}))\n",
};

TEST(FlatTree, WalksInTheOrderOfARecursiveWalk) {
  PythonParser parser;
  for (const char* source : kSources) {
    SyntaxTree tree(parser, source);
    ASSERT_TRUE(tree.ok());
    const FlatTree flat(tree.root());
    std::vector<std::string> expected;
    recursive_events(tree.root(), Kind::kCount, expected);  // no node has kind kCount: skip none
    EXPECT_EQ(flat_events(flat, Kind::kCount), expected) << source;
    EXPECT_EQ(flat.nodes().front().end, flat.nodes().size()) << "the root's subtree is the whole tree";
  }
}

TEST(FlatTree, ANodeNotDescendedIntoKeepsItsSubtreeOut) {
  PythonParser parser;
  for (Kind skip : {Kind::kCall, Kind::kFunctionDefinition, Kind::kError, Kind::kArgumentList}) {
    for (const char* source : kSources) {
      SyntaxTree tree(parser, source);
      const FlatTree flat(tree.root());
      std::vector<std::string> expected;
      recursive_events(tree.root(), skip, expected);
      EXPECT_EQ(flat_events(flat, skip), expected) << source << " skipping kind " << int(skip);
    }
  }
}

TEST(FlatTree, DeepNestingNeedsNoRecursion) {
  // 20,000 nested brackets: a recursive walk would need as many stack frames.
  const std::string source = "x = " + std::string(20000, '[') + std::string(20000, ']') + "\n";
  PythonParser parser;
  SyntaxTree tree(parser, source);
  ASSERT_TRUE(tree.ok());
  const FlatTree flat(tree.root());
  size_t entered = 0, left = 0, lists = 0;
  walk_tree(
      flat,
      [&](const FlatNode& f) {
        ++entered;
        lists += f.kind == Kind::kList;
        return true;
      },
      [&](const FlatNode&) { ++left; });
  EXPECT_EQ(entered, flat.nodes().size());
  EXPECT_EQ(left, entered);
  EXPECT_EQ(lists, 20000u);
}

}  // namespace
}  // namespace restack::check

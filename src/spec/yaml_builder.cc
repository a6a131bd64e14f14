#include "spec/yaml_builder.h"

#include <algorithm>

#include "spec/names.h"
#include "spec/yaml_scanner.h"

namespace restack::spec::yaml {

namespace {

constexpr size_t kLinearKeySearch = 32;  // past this many keys a mapping gets a hash index
constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";

}  // namespace

const Node* KeyIndex::find_or_add(std::span<const Node::Entry> earlier, const Node* key) {
  if (earlier.size() < kLinearKeySearch) {
    for (const auto& [k, v] : earlier)
      if (same_name(k->value, key->value)) return k;
    return nullptr;
  }
  if (index_.size() == 0) {
    index_.reserve(2 * earlier.size());
    for (const auto& [k, v] : earlier) index_.emplace(k->value, k);
  }
  auto [found, added] = index_.emplace(key->value, key);
  return added ? nullptr : *found;
}

template <typename... Args>
void TreeBuilder::fatal(Code code, size_t offset, const Args&... args) {
  report(sink_, code, doc_.locate_offset(offset), args...);
  throw Abort{};
}

Node& TreeBuilder::make(Node::Kind kind, size_t offset, const Properties& props) {
  if (!props.empty()) offset = props.offset;  // a node starts at its tag or anchor
  if (open_.size() + 1 > static_cast<size_t>(kMaxDepth)) fatal(Code::kYamlTooDeep, offset, kMaxDepth);
  if (++total_ > kMaxExpandedNodes) fatal(Code::kYamlAliasExpansion, offset, kMaxExpandedNodes);
  Node& n = doc_.nodes_.emplace_back();
  n.kind = kind;
  n.offset = static_cast<uint32_t>(offset);
  if (!props.anchor.empty()) anchors_[props.anchor] = &n;  // a later anchor of that name wins
  return n;
}

Node* TreeBuilder::open(Node::Kind kind, size_t offset, const Properties& props) {
  Node& n = make(kind, offset, props);
  if (!props.tag.empty()) tag_is_plain(props.tag, n.offset, true);
  size_t first_child = kind == Node::Kind::kMapping ? pending_entries_.size() : pending_items_.size();
  open_.push_back(Open{&n, total_, first_child});
  return &n;
}

void TreeBuilder::close(Node* n) {
  const Open& o = open_.back();
  assert(o.node == n);
  n->expanded = static_cast<uint32_t>(total_ - o.total_at_open + 1);  // <= kMaxExpandedNodes
  int h = 0;
  if (n->kind == Node::Kind::kMapping) {
    std::span<const Node::Entry> entries(pending_entries_.data() + o.first_child, pending_entries_.size() - o.first_child);
    for (const auto& [k, v] : entries) h = std::max({h, int{k->height}, int{v->height}});
    n->set_children(doc_.children_.copy(entries));
    pending_entries_.resize(o.first_child);
  } else {
    std::span<const Node* const> items(pending_items_.data() + o.first_child, pending_items_.size() - o.first_child);
    for (const Node* c : items) h = std::max(h, int{c->height});
    n->set_children(doc_.children_.copy(items));
    pending_items_.resize(o.first_child);
  }
  n->height = static_cast<uint16_t>(h + 1);  // <= kMaxDepth + 1: deeper nesting was refused
  open_.pop_back();
}

const Node* TreeBuilder::scalar(size_t offset, std::string_view value, bool plain_style, const Properties& props) {
  // yaml-cpp's rule, kept: an untagged plain `null`/`~` is a null node at its own position.
  bool null = plain_style && props.tag.empty() && Node::is_null_text(value);
  Node& n = make(null ? Node::Kind::kNull : Node::Kind::kScalar, offset, props);
  if (null) return &n;
  n.plain = props.tag.empty() ? plain_style : tag_is_plain(props.tag, n.offset, plain_style);
  n.value = value;
  return &n;
}

const Node* TreeBuilder::empty(size_t offset, const Properties& props) {
  if (!props.tag.empty()) return scalar(offset, "", true, props);  // `!!str` and nothing: ""
  Node& n = make(Node::Kind::kNull, offset, props);
  n.offset = static_cast<uint32_t>(offset);  // the caller's place (the key), not the anchor
  return &n;
}

const Node* TreeBuilder::alias(size_t offset, std::string_view name) {
  saw_alias_ = true;
  auto it = anchors_.find(name);
  if (it == anchors_.end())
    throw SyntaxError{offset, "the alias `*" + std::string(name) + "` refers to an anchor that is not defined before it"};
  const Node* target = it->second;
  if (std::any_of(open_.begin(), open_.end(), [&](const Open& o) { return o.node == target; }))
    fatal(Code::kYamlAliasCycle, offset, name);
  if (open_.size() + static_cast<size_t>(target->height) > static_cast<size_t>(kMaxDepth))
    fatal(Code::kYamlTooDeep, offset, kMaxDepth);
  total_ += target->expanded;
  if (total_ > kMaxExpandedNodes) fatal(Code::kYamlAliasExpansion, offset, kMaxExpandedNodes);
  return target;
}

// Whether a node tagged TAG is resolved by the core schema (plain); reports unsupported tags.
bool TreeBuilder::tag_is_plain(std::string_view tag, size_t offset, bool plain_style) {
  if (tag == "!") return false;  // the non-specific tag: a string
  std::string_view core;
  if (tag.substr(0, 2) == "!!") core = tag.substr(2);
  else if (tag.substr(0, 2) == "!<" && tag.substr(2, kCoreTagPrefix.size()) == kCoreTagPrefix)
    core = tag.substr(2 + kCoreTagPrefix.size(), tag.size() - 3 - kCoreTagPrefix.size());
  if (core == "str") return false;
  if (core == "int" || core == "float" || core == "bool" || core == "null" || core == "map" || core == "seq") return true;
  std::string shown = !core.empty() ? "!!" + std::string(core)
                      : tag.substr(0, 2) == "!<" ? std::string(tag.substr(2, tag.size() - 3))
                                                 : std::string(tag);
  report(sink_, Code::kYamlCustomTag, doc_.locate_offset(offset), shown);
  return plain_style;
}

void TreeBuilder::add_entry([[maybe_unused]] Node* map, const Node* key, const Node* value, size_t key_offset, KeyIndex& keys) {
  if (key->kind != Node::Kind::kScalar) {
    report(sink_, Code::kYamlComplexKey, doc_.locate_offset(key_offset), key->kind_name());
    return;
  }
  if (key->plain && key->value.size() == 2 && key->value[0] == '<' && key->value[1] == '<') {
    report(sink_, Code::kYamlMergeKey, doc_.locate_offset(key_offset));
    return;
  }
  assert(!open_.empty() && open_.back().node == map);
  std::span<const Node::Entry> earlier(pending_entries_.data() + open_.back().first_child,
                                       pending_entries_.size() - open_.back().first_child);
  if (const Node* first = keys.find_or_add(earlier, key)) {
    auto& d = report(sink_, Code::kYamlDuplicateKey, doc_.locate_offset(key_offset), key->value);
    add_note(d, "first defined here", doc_.locate(first));
    return;
  }
  pending_entries_.emplace_back(key, value);
}

}  // namespace restack::spec::yaml

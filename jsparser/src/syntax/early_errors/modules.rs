//! Modules: 16.2.1.1 and 16.2.2.1 Static Semantics: Early Errors (exported
//! names, exported bindings, import bindings, import attribute keys).

use super::scope::LexKind;
use super::{err, Checker, FxMap};
use crate::syntax::node::NodeKind;
use crate::SyntaxError;

impl Checker<'_> {
    /// The StringValue of a ModuleExportName or attribute key, as UTF-16.
    fn export_name(&self, i: usize) -> Option<Vec<u16>> {
        let n = self.node(i);
        match n.kind {
            NodeKind::IdentifierName
            | NodeKind::IdentifierReference
            | NodeKind::BindingIdentifier => Some(self.ast.name(n.arg).encode_utf16().collect()),
            NodeKind::StringLiteral => Some(self.ast.string(n.arg).to_vec()),
            _ => None,
        }
    }

    /// 16.2.2.1: no two import attributes with the same key.
    fn check_attributes(&self, i: usize) -> Result<(), SyntaxError> {
        let mut keys: FxMap<Vec<u16>, ()> = FxMap::default();
        for a in self.ast.children(i) {
            if self.kind(a) != NodeKind::ImportAttribute {
                continue;
            }
            let Some(k) = self.ast.children_rev(a).last() else {
                continue;
            };
            if let Some(name) = self.export_name(k) {
                if keys.insert(name, ()).is_some() {
                    return Err(err("duplicate import attribute key", self.node(k).span));
                }
            }
        }
        Ok(())
    }

    /// Collects the module's exported names (no duplicates, 16.2.1.1) and
    /// the local bindings `export { x }` needs (checked at the end).
    pub(super) fn start_module(&mut self, module: usize) -> Result<(), SyntaxError> {
        let mut exported: FxMap<Vec<u16>, ()> = FxMap::default();
        let mut add = |this: &Self, name: Vec<u16>, node: usize| -> Result<(), SyntaxError> {
            if exported.insert(name, ()).is_some() {
                return Err(err("duplicate export name", this.node(node).span));
            }
            Ok(())
        };
        for item in self.ast.children(module) {
            match self.kind(item) {
                NodeKind::ExportNamed | NodeKind::ExportFrom => {
                    let from = self.kind(item) == NodeKind::ExportFrom;
                    for s in self.ast.children(item) {
                        match self.kind(s) {
                            NodeKind::ExportSpecifier => {
                                let parts = self.ast.children(s);
                                let Some(&local) = parts.first() else {
                                    continue;
                                };
                                let exp = *parts.last().unwrap_or(&local);
                                if !from {
                                    self.pending_local_export(local);
                                }
                                if let Some(name) = self.export_name(exp) {
                                    add(self, name, exp)?;
                                }
                            }
                            NodeKind::ExportAllAs => {
                                if let Some(nm) = self.ast.children_rev(s).next() {
                                    if let Some(name) = self.export_name(nm) {
                                        add(self, name, nm)?;
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    if from {
                        self.check_attributes(item)?;
                    }
                }
                NodeKind::ExportDeclaration => {
                    let Some(decl) = self.ast.children_rev(item).last() else {
                        continue;
                    };
                    // The exported names are the BoundNames of the
                    // declaration.
                    let mut names = Vec::new();
                    self.bound_names(decl, &mut names);
                    for (id, node) in names {
                        add(self, self.ast.name(id).encode_utf16().collect(), node)?;
                    }
                }
                NodeKind::ExportDefault | NodeKind::ExportDefaultExpression => {
                    add(self, "default".encode_utf16().collect(), item)?;
                }
                NodeKind::ImportDeclaration => self.check_attributes(item)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// 16.2.1.1: the local name of `export { x }` (without `from`) must be
    /// declared in the module (checked at the end; strings and reserved
    /// words are the processor's).
    fn pending_local_export(&mut self, local: usize) {
        let n = *self.node(local);
        if matches!(
            n.kind,
            NodeKind::IdentifierName | NodeKind::IdentifierReference
        ) {
            self.pending_exports.push((n.arg, n.span));
        }
    }

    /// Import bindings (their BoundNames) are lexical declarations of the
    /// module (16.2.1.1).
    pub(super) fn declare_import(&mut self, i: usize) -> Result<(), SyntaxError> {
        let mut names = self.take_names();
        self.bound_names(i, &mut names);
        let result = names
            .iter()
            .try_for_each(|&(id, b)| self.add_lexical(id, LexKind::Import, self.node(b).span));
        self.names = names;
        result
    }

    /// 16.2.1.1: every ExportedBinding is declared in the module.
    pub(super) fn end_module(&mut self) -> Result<(), SyntaxError> {
        let Some(scope) = self.scopes.first() else {
            return Ok(());
        };
        for &(id, span) in &self.pending_exports {
            if !scope.lex.contains_key(&id) && !scope.vars.contains_key(&id) {
                return Err(err(
                    format!(
                        "export '{}' is not defined in the module",
                        self.ast.name(id)
                    ),
                    span,
                ));
            }
        }
        Ok(())
    }
}

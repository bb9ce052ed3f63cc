//! Template literals (13.2.8) and tagged templates (13.3.11).

use super::*;

impl<'a> Analyzer<'a> {
    /// 13.2.8.6: the cooked strings and ToString of the substitutions,
    /// concatenated.
    pub(in crate::semantics::analyzer) fn template_literal(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        let empty = self.program.string("");
        self.emit(C::String(empty));
        for &c in children {
            let cn = self.ast.nodes[c];
            if cn.kind == NodeKind::TemplateElement {
                let cooked = self
                    .ast
                    .templates
                    .get(cn.arg as usize)
                    .and_then(|t| t.cooked);
                let units = cooked.map_or(&[][..], |c| self.ast.string(c));
                if !units.is_empty() {
                    let id = self.program.string_utf16(units);
                    self.emit(C::String(id));
                    self.emit(C::Binary(BinaryOperator::Addition));
                }
            } else {
                // 13.2.8.6 step 3: ToString (throws for symbols).
                self.expression(c)?;
                self.emit(C::Helper(Helper::ToString));
                self.emit(C::Binary(BinaryOperator::Addition));
            }
        }
        Ok(())
    }

    /// 13.3.11.1 TaggedTemplate evaluation: the tag (a member expression
    /// keeps its base as the this value), the site's template object, the
    /// substitutions, then EvaluateCall.
    pub(in crate::semantics::analyzer) fn tagged_template(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        let (Some(&tag), Some(&template)) = (children.first(), children.get(1)) else {
            return self.err("malformed tagged template");
        };
        let tn = self.ast.nodes[tag];
        if matches!(
            tn.kind,
            NodeKind::StaticMember | NodeKind::ComputedMember | NodeKind::PrivateMember
        ) && !tn.has(flags::OPTIONAL)
        {
            self.member_reference(tag)?;
        } else {
            self.expression(tag)?;
        }
        let mut site = TemplateSite::default();
        let mut substitutions = Vec::new();
        for c in self.ast.children(template) {
            let cn = self.ast.nodes[c];
            if cn.kind != NodeKind::TemplateElement {
                substitutions.push(c);
                continue;
            }
            let Some(&part) = self.ast.templates.get(cn.arg as usize) else {
                return self.err("malformed template element");
            };
            let cooked = part
                .cooked
                .map(|c| self.program.string_utf16(self.ast.string(c)));
            site.cooked.push(cooked);
            let raw = String::from_utf16_lossy(self.ast.string(part.raw));
            site.raw.push(self.program.string(&raw));
        }
        let Ok(index) = u32::try_from(self.program.templates.len()) else {
            return self.err("too many template literals");
        };
        self.program.templates.push(site);
        self.emit(CompileCommand::TemplateObject(index));
        for &s in &substitutions {
            self.expression(s)?;
        }
        let Ok(n) = u16::try_from(substitutions.len() + 1) else {
            return self.err("too many substitutions");
        };
        self.emit(CompileCommand::Call(n));
        Ok(())
    }
}

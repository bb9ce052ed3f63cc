//! The box-drawn table of `console.table` (node's lib/internal/cli_table.js).
//! Widths count what is shown (colour codes excluded).

/// The display width of a cell (node's `getStringWidth`, simplified: one
/// column per character).
fn width(s: &str) -> usize {
    if s.contains('\u{1b}') {
        return super::inspect::visible_len(s);
    }
    s.chars().count()
}

fn render_row(row: &[&str], widths: &[usize]) -> String {
    let mut out = String::from("│ ");
    for (i, cell) in row.iter().enumerate() {
        let needed = widths[i].saturating_sub(width(cell));
        // Left-aligned, as node 20 prints it.
        out.push_str(cell);
        out.push_str(&" ".repeat(needed));
        if i + 1 != row.len() {
            out.push_str(" │ ");
        }
    }
    out.push_str(" │");
    out
}

/// Renders `columns` (cells by row; `None`: empty) under `head`.
pub fn render(head: &[&str], columns: &[Vec<Option<String>>]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| width(h)).collect();
    let rows = columns.iter().map(Vec::len).max().unwrap_or(0);
    let mut table: Vec<Vec<&str>> = vec![Vec::new(); rows];
    for (i, column) in columns.iter().enumerate() {
        for (j, row) in table.iter_mut().enumerate() {
            let cell = column.get(j).and_then(|c| c.as_deref()).unwrap_or("");
            widths[i] = widths[i].max(width(cell));
            row.push(cell);
        }
    }
    let divider: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
    let mut out = format!("┌{}┐\n", divider.join("┬"));
    out.push_str(&render_row(head, &widths));
    out.push('\n');
    out.push_str(&format!("├{}┤\n", divider.join("┼")));
    for row in &table {
        out.push_str(&render_row(row, &widths));
        out.push('\n');
    }
    out.push_str(&format!("└{}┘", divider.join("┴")));
    out
}

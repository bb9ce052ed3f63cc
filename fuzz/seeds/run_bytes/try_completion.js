console.log(eval('1; try { } finally { }'), eval('2; try { 3; } finally { }'), eval('4; try { } finally { 5; }'), eval('6; try { 7; } finally { 8; }'));
console.log(eval('1; try { throw 0 } catch (e) { } finally { 5; }'), eval('1; try { 2; throw 0 } catch (e) { } '), eval('1; try { throw 0 } catch { 3 } finally { 5; }'));
console.log(eval('1; do { try { 2 } finally { 3; break; } } while (false)'), eval('99; do { try { 2; break; } finally { 3 } } while (false)'));
console.log(eval('99; l: try { 2; } finally { 3; }'));

class C {
  #x = 1;
  #m() { return this.#x; }
  inc(o) { o.#x++; return #x in o && this.#m(); }
}

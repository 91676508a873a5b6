// Migrations and default seeds are embedded at compile time; tell cargo to
// rebuild when a file is added, removed or edited in either folder.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=seeds");
}

//! CAMEO code table (replaced by the derived table on merge of branch event-export).
use std::sync::OnceLock;
pub struct CameoCode {
    pub name: String,
}
#[derive(Default)]
pub struct CameoTable {
    codes: std::collections::HashMap<String, CameoCode>,
}
impl CameoTable {
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        self.codes.get(code)
    }
}
pub fn cameo() -> &'static CameoTable {
    static T: OnceLock<CameoTable> = OnceLock::new();
    T.get_or_init(CameoTable::default)
}

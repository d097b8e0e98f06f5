//! `chuyende`: the command-line tool over the same domain library as the window, for
//! administrators, scripts, tests and benchmarks. It never prompts; every listing or report
//! takes `--json`; a failure prints the Vietnamese message on standard error and exits 1.

use std::path::PathBuf;
use std::process::ExitCode;

use chuyende::approval::SubmissionId;
use chuyende::demo::DemoOutcome;
use chuyende::export::Exported;
use chuyende::organisation::{OrganisationId, Placement};
use chuyende::outline::blocks::BlockKind;
use chuyende::search::{HitSource, SearchFilter};
use chuyende::topic::TopicId;
use chuyende::{paths, Database};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "chuyende",
    version,
    about = "Chuyên Đề — công cụ dòng lệnh (quản trị, kịch bản, kiểm thử)",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    /// In phần trợ giúp này
    #[arg(short = 'h', long, global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,

    /// In phiên bản
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,

    /// Thư mục dữ liệu (mặc định: $CHUYENDE_DATA_DIR, nếu không có thì thư mục của ứng dụng trong thư mục dữ liệu của người dùng)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Tạo thư mục dữ liệu nếu chưa có (nếu không, một thư mục không tồn tại bị từ chối: thường
    /// là gõ nhầm, hoặc ổ USB chưa cắm)
    #[arg(long, global = true)]
    create: bool,

    /// Làm việc với tư cách tài khoản này; mật khẩu lấy từ biến môi trường CHUYENDE_PASSWORD
    /// hoặc từ tệp --password-file (không bao giờ hỏi). Không ghi: quản trị cục bộ nếu người
    /// dùng hệ điều hành này đã được đặt (`chuyende accounts local-admin`)
    #[arg(long = "as", global = true, value_name = "TÊN")]
    as_user: Option<String>,

    /// Tệp chứa mật khẩu của --as (dòng đầu)
    #[arg(long, global = true, value_name = "FILE")]
    password_file: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    Administrator,
    Secretary,
    CommitteeMember,
    Member,
    Clerk,
}

impl From<RoleArg> for chuyende::account::Role {
    fn from(r: RoleArg) -> Self {
        use chuyende::account::Role;
        match r {
            RoleArg::Administrator => Role::Administrator,
            RoleArg::Secretary => Role::Secretary,
            RoleArg::CommitteeMember => Role::CommitteeMember,
            RoleArg::Member => Role::Member,
            RoleArg::Clerk => Role::Clerk,
        }
    }
}

/// Tài khoản; mật khẩu mới lấy từ CHUYENDE_NEW_PASSWORD hoặc --new-password-file
#[derive(Subcommand)]
enum AccountsCommand {
    /// Liệt kê các tài khoản (quản trị)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Tạo quản trị viên đầu tiên, khi dữ liệu chưa có tài khoản nào
    FirstAdmin {
        #[arg(long, value_name = "TÊN")]
        username: String,
        /// Họ tên hiển thị
        #[arg(long, value_name = "HỌ TÊN")]
        name: String,
        #[arg(long, value_name = "FILE")]
        new_password_file: Option<PathBuf>,
    },
    /// Tạo tài khoản (quản trị)
    Create {
        #[arg(long, value_name = "TÊN")]
        username: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Mã đảng viên gắn với tài khoản (bắt buộc trừ quản trị và văn phòng)
        #[arg(long, value_name = "ID")]
        member: Option<i64>,
        /// Họ tên hiển thị (mặc định: họ tên của đảng viên)
        #[arg(long, value_name = "HỌ TÊN", default_value = "")]
        name: String,
        #[arg(long, value_name = "FILE")]
        new_password_file: Option<PathBuf>,
    },
    /// Đặt lại mật khẩu (quản trị): người dùng đặt mật khẩu mới ở lần đăng nhập sau
    Reset {
        #[arg(long, value_name = "TÊN")]
        username: String,
        #[arg(long, value_name = "FILE")]
        new_password_file: Option<PathBuf>,
    },
    /// Ngừng sử dụng một tài khoản (quản trị); tài khoản không bị xoá
    Deactivate {
        #[arg(long, value_name = "TÊN")]
        username: String,
    },
    /// Cho người dùng hệ điều hành đang chạy lệnh này làm quản trị cục bộ (không cần --as) với
    /// tư cách quản trị viên đang đăng nhập bằng --as
    LocalAdmin,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MinutesFormat {
    Pdf,
    Docx,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormatArg {
    Xlsx,
    Docx,
    Pdf,
}

#[derive(Subcommand)]
enum PlanCommand {
    /// In kế hoạch năm của một tổ chức, kèm mã và trạng thái từng chuyên đề
    Show {
        /// Mã tổ chức (xem `chuyende orgs`)
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Xuất kế hoạch năm của một tổ chức thành văn bản của Đảng (PDF hoặc DOCX) để in
    Print {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long, value_enum)]
        format: MinutesFormat,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Xuất kế hoạch điều chỉnh của kế hoạch năm đã duyệt (chuyên đề điều chỉnh, hoãn, hủy,
    /// bổ sung kèm lý do), đề ngày --on; kế hoạch đã duyệt vẫn in như khi duyệt
    Amendment {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// Ngày của văn bản điều chỉnh (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: chrono::NaiveDate,
        #[arg(long, value_enum)]
        format: MinutesFormat,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Ghi ngày kế hoạch năm (đã được cấp ủy duyệt) được báo cáo cấp ủy cấp trên
    Report {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// Ngày báo cáo, dd/mm/yyyy
        #[arg(long, value_name = "NGÀY", value_parser = date)]
        on: chrono::NaiveDate,
    },
}

#[derive(Subcommand)]
enum KeyCommand {
    /// Mã máy và dấu vân tay khóa của máy này
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Xác nhận khóa đã ký gói FILE, sau khi đã đối chiếu dấu vân tay với máy gửi (qua điện
    /// thoại hoặc trên giấy)
    Trust {
        file: PathBuf,
        /// Tên gọi máy gửi (mặc định: tên trong gói)
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Các khóa đã xác nhận
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum MembersCommand {
    /// Nhập danh sách đảng viên từ tệp Excel (.xlsx, .xls) hoặc .ods vào một chi bộ: các cột
    /// được đoán theo tên cột (Họ và tên, Chức vụ, Chính thức/Dự bị, Ngày sinh, Ngày vào Đảng,
    /// Số thẻ), mỗi dòng bị từ chối được nêu kèm lý do; các dòng hợp lệ được thêm cùng một lúc
    Import {
        file: PathBuf,
        /// Mã chi bộ (xem `chuyende orgs`)
        #[arg(long, value_name = "ID")]
        org: i64,
        /// Tên trang tính (mặc định: trang đầu tiên)
        #[arg(long, value_name = "TÊN")]
        sheet: Option<String>,
        /// Cột của từng trường thay cho cách đoán, ví dụ name=B,position=C,standing=F,born=D,joined=E,card=G
        #[arg(long, value_name = "TRƯỜNG=CỘT,…")]
        map: Option<String>,
        /// Chỉ xem trước, không ghi gì
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Xuất danh sách đảng viên đang sinh hoạt của một chi bộ ra tệp Excel (.xlsx)
    Export {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Tài khoản người dùng: liệt kê, tạo, đặt lại mật khẩu, ngừng sử dụng
    #[command(subcommand)]
    Accounts(AccountsCommand),
    /// Kế hoạch sinh hoạt chuyên đề năm
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Danh sách đảng viên: nhập từ Excel, xuất ra Excel
    #[command(subcommand)]
    Members(MembersCommand),
    /// Kiểm tra dữ liệu có bị sửa ngoài ứng dụng không: chuỗi nhật ký thay đổi và tệp gốc của
    /// các đề cương; nêu mục hỏng đầu tiên và trả mã lỗi khác 0 khi có
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Đo hiệu năng trên dữ liệu lớn tạo trong thư mục tạm (không đụng dữ liệu thật): mỗi
    /// màn hình, tìm kiếm, sao lưu, bên cạnh chi phí SQLite thuần
    Bench {
        /// Số chi bộ
        #[arg(long, default_value_t = 250)]
        cells: usize,
        /// Số năm kế hoạch
        #[arg(long, default_value_t = 10)]
        years: i32,
        /// Số chuyên đề có đề cương
        #[arg(long, default_value_t = 10_000)]
        outlines: usize,
        /// Số lần đo mỗi mục
        #[arg(long, default_value_t = 50)]
        runs: usize,
    },
    /// Nạp dữ liệu mẫu (Đảng bộ Văn phòng UBND tỉnh)
    DemoData {
        /// Thêm một tổ chức lớn để đo hiệu năng: 250 chi bộ, kế hoạch mười năm, mỗi năm bốn
        /// chuyên đề (10.000 chuyên đề), mỗi chuyên đề có đề cương
        #[arg(long)]
        large: bool,
        /// Với --large: số chuyên đề có đề cương
        #[arg(long, default_value_t = 10_000)]
        outlines: usize,
    },
    /// Nhập một tệp (.docx, .odt, .pdf, .txt, .md) làm phiên bản mới của đề cương một chuyên đề
    Import {
        /// Mã chuyên đề (xem `chuyende plan show`)
        #[arg(long, value_name = "ID")]
        topic: i64,
        /// Ghi chú lưu kèm phiên bản
        #[arg(long, default_value = "")]
        note: String,
        file: PathBuf,
    },
    /// Liệt kê các phiên bản đề cương của một chuyên đề, hoặc in nội dung một phiên bản
    Outline {
        #[arg(long, value_name = "ID")]
        topic: i64,
        /// In nội dung phiên bản này (1, 2, …; `latest` là bản mới nhất)
        #[arg(long, value_name = "N")]
        version: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Liệt kê các buổi sinh hoạt của một tổ chức trong năm: mã, loại, ngày, số có mặt, số ý
    /// kiến
    Sessions {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// Chỉ các buổi của chi bộ này (một chi bộ của đảng bộ, hoặc chính đảng bộ)
        #[arg(long, value_name = "ID")]
        cell: Option<i64>,
        /// Chỉ các buổi của những chi bộ có tên chứa chữ này
        #[arg(long, value_name = "TÊN", default_value = "")]
        cell_name: String,
        /// Trang thứ mấy (mỗi trang 50 buổi, mới nhất trước)
        #[arg(long, value_name = "N", default_value_t = 1)]
        page: u32,
        #[arg(long)]
        json: bool,
    },
    /// Xuất biên bản một buổi sinh hoạt thành PDF hoặc DOCX, với các chỉnh sửa của thư ký, như cửa sổ
    /// hiển thị (bản mới nhất, hoặc --revision N)
    Minutes {
        #[arg(long, value_name = "ID")]
        session: i64,
        #[arg(long, value_name = "N")]
        revision: Option<i64>,
        #[arg(long, value_enum)]
        format: MinutesFormat,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Tìm trong đề cương, gõ có dấu hoặc không dấu
    Search {
        query: String,
        #[arg(long, value_name = "ID")]
        org: Option<i64>,
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Cho biết tệp dữ liệu, phiên bản dữ liệu và số lượng
    Info {
        #[arg(long)]
        json: bool,
    },
    /// Sao lưu ngay (đã kiểm tra lại bản sao): vào thư mục sao lưu của dữ liệu (luân phiên), hoặc
    /// với --to vào thư mục khác (ổ USB)
    Backup {
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Liệt kê các bản sao lưu của dữ liệu, mới nhất trước, kèm thời điểm và nội dung
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Khôi phục dữ liệu từ một bản sao lưu (trạng thái hiện tại được sao lưu trước). Bị từ chối
    /// khi cửa sổ Chuyên Đề đang mở thư mục dữ liệu này.
    Restore {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Việc thực hiện hướng dẫn của từng chi bộ trong năm, theo quý: có sinh hoạt chuyên đề,
    /// dự thảo gửi trước ít nhất một ngày, thời lượng tối thiểu, đủ số có mặt, kế hoạch năm báo
    /// cáo cấp trên; mỗi điểm chưa đạt kèm lý do
    Compliance {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// Hồ sơ lưu trữ của một năm (một tệp PDF có mục lục và dấu trang): kế hoạch năm, rồi từng
    /// chuyên đề với đề cương đã duyệt kèm quyết định duyệt của cấp ủy và biên bản sinh hoạt
    Archive {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// Báo cáo kết quả sinh hoạt chuyên đề năm của một tổ chức và các chi bộ (số chuyên đề
    /// theo quý, dự sinh hoạt, ý kiến, chuyên đề đã duyệt, yêu cầu chưa đạt): bảng tính Excel
    /// (xlsx) hoặc văn bản của Đảng (docx, pdf)
    Report {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[arg(long, value_enum)]
        format: ReportFormatArg,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Những gì đang chờ cấp ủy duyệt (từ ngày nào, chi bộ, người trình bày) và những gì cấp ủy
    /// đã quyết định gần đây nhất (duyệt, hoặc trả lại với lý do), mỗi lần một trang
    Approvals {
        #[arg(long, value_name = "ID")]
        org: i64,
        /// Trang quyết định cũ hơn quyết định về lần trình này (mã lần trình cuối của trang trước)
        #[arg(long, value_name = "ID")]
        before: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Trình cấp ủy duyệt bản hoàn chỉnh của một chuyên đề (phiên bản đọc được mới nhất, nêu
    /// bằng mã SHA-256); bị từ chối khi còn ý kiến chưa trả lời
    Submit {
        #[arg(long, value_name = "ID")]
        topic: i64,
        #[arg(long)]
        json: bool,
    },
    /// Ghi quyết định của cấp ủy về bản đã trình: duyệt (--approve) hoặc trả lại (--return "lý
    /// do"), ngày họp, các cấp ủy viên dự họp và người ký thay mặt cấp ủy
    Decide {
        #[arg(long, value_name = "ID")]
        topic: i64,
        /// Duyệt
        #[arg(
            long,
            conflicts_with = "return_reasons",
            required_unless_present = "return_reasons"
        )]
        approve: bool,
        /// Trả lại, với lý do
        #[arg(long = "return", value_name = "LÝ DO")]
        return_reasons: Option<String>,
        /// Ngày họp cấp ủy (dd/mm/yyyy hoặc yyyy-mm-dd)
        #[arg(long, value_name = "NGÀY", value_parser = date)]
        meeting: chrono::NaiveDate,
        /// Mã các cấp ủy viên dự họp, cách nhau bằng dấu phẩy (Bí thư, Phó Bí thư, cấp ủy viên)
        #[arg(long, value_name = "ID,ID", value_delimiter = ',', required = true)]
        members: Vec<i64>,
        /// Mã người ký thay mặt cấp ủy (Bí thư hoặc Phó Bí thư dự họp)
        #[arg(long, value_name = "ID")]
        signer: i64,
        /// Mã SHA-256 của phiên bản quyết định (mặc định: phiên bản đang chờ; nếu ghi, phải khớp)
        #[arg(long, value_name = "SHA-256")]
        sha256: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Xuất đề cương đã được cấp ủy duyệt thành văn bản của Đảng (PDF hoặc DOCX) để in, kèm
    /// khối xác nhận: ai duyệt, ngày nào, mã SHA-256 của bản gốc (như cửa sổ xuất)
    ApprovedOutline {
        #[arg(long, value_name = "ID")]
        topic: i64,
        #[arg(long, value_enum)]
        format: MinutesFormat,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Dòng thời gian của một chuyên đề: các phiên bản, buổi sinh hoạt, trả lời ý kiến, lần trình
    /// và quyết định, ai và khi nào
    Timeline {
        #[arg(long, value_name = "ID")]
        topic: i64,
        #[arg(long)]
        json: bool,
    },
    /// Xuất gói trao đổi (một năm, hoặc một chuyên đề của năm) của một tổ chức, ký bằng khóa
    /// của máy này, để gửi cho đảng bộ hoặc chi bộ
    Export {
        #[arg(long, value_name = "ID")]
        org: i64,
        #[arg(long, value_name = "YYYY")]
        year: i32,
        /// Chỉ chuyên đề này (mã, xem `chuyende plan show`)
        #[arg(long, value_name = "ID")]
        topic: Option<i64>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Nhận gói trao đổi: kiểm tra toàn bộ, nêu những gì sẽ thêm, cập nhật hay xung đột, rồi
    /// ghi trong một lần (với --dry-run: chỉ nêu, không ghi gì)
    Receive {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Khóa ký gói trao đổi: của máy này (dấu vân tay để đọc cho bên kia), các khóa đã xác nhận
    #[command(subcommand)]
    Key(KeyCommand),
    /// Các xung đột khi nhận gói trao đổi: bản của máy này và bản nhận được
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Liệt kê các tổ chức kèm mã
    Orgs {
        #[arg(long)]
        json: bool,
        /// Kể cả tổ chức đã giải thể
        #[arg(long)]
        all: bool,
    },
}

/// The help's frame in Vietnamese (clap's own is English).
const HELP: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// clap's own words in Vietnamese, on every subcommand: the headings, and the help flag our
/// `help` argument replaces.
fn vietnamese(command: clap::Command) -> clap::Command {
    command
        .help_template(HELP)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .disable_help_flag(true)
        .mut_args(|arg| {
            let heading = if arg.is_positional() {
                "Tham số"
            } else {
                "Tuỳ chọn"
            };
            arg.help_heading(heading)
        })
        .mut_subcommands(vietnamese)
}

/// `println!` that ends the program quietly when standard output has been closed (`chuyende
/// plan show | head`): what was asked has been done; there is no one left to tell.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

fn main() -> ExitCode {
    // Started as a document reader (a child of this same program, see
    // chuyende::outline::isolation), read one document and exit before parsing any argument.
    chuyende::outline::isolation::serve_if_asked();
    let matches = vietnamese(Cli::command()).get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let command = matches.subcommand_name().unwrap_or_default().to_owned();
    cli.data_dir = cli
        .data_dir
        .or_else(|| paths::resolve_data_dir(paths::os_data_dir));
    // The same log folder as the window's, in files of its own (see chuyende::logging).
    // Not in a folder that does not exist (and is not to be made): the log would create it.
    let _log = cli
        .data_dir
        .as_deref()
        .filter(|d| cli.create || d.is_dir())
        .and_then(|dir| {
            chuyende::logging::init(dir, "chuyende")
                .inspect_err(|e| {
                    eprintln!(
                        "chuyende: không ghi được nhật ký vào {}: {e}",
                        dir.display()
                    )
                })
                .ok()
        });
    let started = std::time::Instant::now();
    let result = tracing::info_span!("cli", command).in_scope(|| run(cli));
    let ms = started.elapsed().as_millis() as u64;
    match result {
        Ok(()) => {
            tracing::info!(ms, "{command} ok");
            ExitCode::SUCCESS
        }
        Err(message) => {
            tracing::warn!(ms, "{command} failed");
            eprintln!("chuyende: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `chuyende bench`: fills a temporary folder (removed after) and prints one table.
fn bench(cells: usize, years: i32, outlines: usize, runs: usize) -> Result<(), String> {
    let scratch = std::env::temp_dir().join(format!("chuyende-bench-{}", std::process::id()));
    let measured = (|| -> Result<_, chuyende::bench::BenchError> {
        let db = Database::open_in(&scratch)?;
        let started = std::time::Instant::now();
        let topics = chuyende::demo::fill_large(&db, cells, years, outlines)?;
        println!(
            "Dữ liệu: {cells} chi bộ × {years} năm, {topics} chuyên đề, {outlines} đề cương (tạo trong {:.1} s)",
            started.elapsed().as_secs_f64()
        );
        chuyende::bench::measure(&db, &scratch, runs.max(1))
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    let measured = measured.map_err(|e| match e {
        chuyende::bench::BenchError::Data(e) => failure(e),
        // A document that came out wrong is a bug of ours, said as it is.
        other => other.to_string(),
    })?;
    println!("{}", chuyende::bench::table(&measured).trim_end());
    Ok(())
}

/// A date as people type it (06/06/2024) or as ISO (2024-06-06).
fn date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| s.parse())
        .map_err(|_| format!("“{s}” không phải là ngày (dd/mm/yyyy)."))
}

/// A page of sessions as a table, what it shows of how many, and how to ask for the next page
/// (or narrow a đảng bộ's list to one cell).
fn print_sessions(org: i64, year: i32, page: &chuyende::session_list::SessionPage) {
    if page.sessions.is_empty() {
        println!("Không có buổi sinh hoạt nào trong năm {year}.");
        return;
    }
    // A đảng bộ's list holds several organisations' sessions: say whose each one is.
    let whose = page.organisations.len() > 1 && page.cell.is_none();
    println!(
        "{:>5}  {:<10}  {:<10}  {:>8}  {:<14}  {:>6}  {}CHUYÊN ĐỀ",
        "MÃ",
        "NGÀY",
        "LOẠI",
        "CÓ MẶT",
        "SỐ LƯỢNG",
        "Ý KIẾN",
        if whose { "TỔ CHỨC · " } else { "" }
    );
    for s in &page.sessions {
        let kind = match s.kind {
            chuyende::session::SessionKind::Thematic => "chuyên đề",
            chuyende::session::SessionKind::Regular => "thường kỳ",
        };
        // present of the members called, and whether the quorum was reached
        let quorum = if s.quorum_met {
            format!("đủ (cần {})", s.required)
        } else {
            format!("chưa đủ (cần {})", s.required)
        };
        println!(
            "{:>5}  {}  {:<10}  {:>8}  {:<14}  {:>6}  {}{}",
            s.id.0,
            s.held_on.format("%d/%m/%Y"),
            kind,
            format!("{}/{}", s.present, s.called),
            quorum,
            s.comment_count,
            if whose { format!("{} · ", s.organisation_name) } else { String::new() },
            s.topics.join("; ")
        );
    }
    println!("{} (trang {} / {})", page.shown, page.page, page.pages);
    let mut cell = page.cell.map(|c| format!(" --cell {}", c.0)).unwrap_or_default();
    if !page.cell_name.is_empty() {
        cell.push_str(&format!(" --cell-name \"{}\"", page.cell_name));
    }
    if page.page < page.pages {
        println!(
            "Trang sau: chuyende sessions --org {org} --year {year}{cell} --page {}",
            page.page + 1
        );
    }
    if whose {
        println!("Chỉ một chi bộ: thêm --cell ID (mã trong chuyende orgs), hoặc --cell-name \"tên\"");
    }
}

/// A page of decisions, and how to ask for the older ones when some remain.
fn print_decided(org: i64, page: &chuyende::approval::DecidedPage) {
    page.decisions.iter().for_each(print_submission);
    if let (true, Some(last)) = (page.older, page.decisions.last()) {
        println!(
            "Còn quyết định cũ hơn: chuyende approvals --org {org} --before {}",
            last.id.0
        );
    }
}

fn print_submission(s: &chuyende::approval::Submission) {
    let on = s.submitted_at.get(..10).unwrap_or(&s.submitted_at);
    println!(
        "{:>6}  {}  {} — {} (trình bày: {})",
        s.topic_id.0,
        on,
        s.topic_title,
        s.organisation_name,
        if s.presenter.is_empty() {
            "—"
        } else {
            &s.presenter
        }
    );
    println!(
        "        phiên bản {} SHA-256 {} — {}",
        s.version_number, s.version_sha256, s.summary
    );
    if let Some(d) = &s.decision {
        print_decision(d);
    }
}

fn print_decision(d: &chuyende::approval::DecisionRecord) {
    let meeting = d
        .meeting_on
        .map(|m| format!(", họp cấp ủy ngày {}", m.format("%d/%m/%Y")))
        .unwrap_or_default();
    let signer = d
        .signer
        .as_ref()
        .map(|g| format!(", {} {} {}", g.on_behalf, g.title, g.full_name))
        .unwrap_or_default();
    let reasons = d
        .reasons
        .as_ref()
        .map(|r| format!(" — lý do: {r}"))
        .unwrap_or_default();
    println!("        {}{meeting}{signer}{reasons}", d.outcome_label);
}

/// Who runs the command: `--as` with its password, or nobody named.
struct Who {
    username: Option<String>,
    password_file: Option<PathBuf>,
}

/// A password from a file (its first line) or an environment variable; never a prompt.
fn password_from(file: Option<&std::path::Path>, var: &str) -> Result<String, String> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("Không đọc được tệp mật khẩu {}: {e}", file.display()))?;
        return Ok(text.lines().next().unwrap_or_default().to_string());
    }
    std::env::var(var).map_err(|_| {
        format!("Hãy cho mật khẩu qua biến môi trường {var} hoặc tệp (--password-file / --new-password-file).")
    })
}

/// Signs in as `--as`, or acts as the local administrator when this operating-system user was
/// set up as one; otherwise acts as nobody (data without accounts needs no one).
fn act(db: &Database, who: &Who) -> chuyende::Result<()> {
    match &who.username {
        Some(user) => {
            let password = password_from(who.password_file.as_deref(), "CHUYENDE_PASSWORD")
                .map_err(|message| chuyende::Error::invalid(chuyende::Field::Password, message))?;
            db.sign_in(user, &password).map(|_| ())
        }
        None => match db.act_as_local_administrator(&chuyende::account::os_user()) {
            Ok(_) | Err(chuyende::Error::Denied(_)) | Err(chuyende::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        },
    }
}

/// `chuyende accounts …`.
fn accounts(db: &Database, command: AccountsCommand) -> Result<(), String> {
    use chuyende::account::AccountDraft;
    let new_password = |file: Option<PathBuf>| password_from(file.as_deref(), "CHUYENDE_NEW_PASSWORD");
    let by_name = |username: &str| -> Result<chuyende::account::Account, String> {
        db.accounts()
            .map_err(failure)?
            .into_iter()
            .find(|a| a.username == username.trim().to_lowercase())
            .ok_or_else(|| format!("Không có tài khoản “{username}”."))
    };
    match command {
        AccountsCommand::List { json: as_json } => {
            let list = db.accounts().map_err(failure)?;
            if as_json {
                return json(&list);
            }
            for a in &list {
                let state = match (&a.deactivated_on, a.must_change_password) {
                    (Some(on), _) => format!(" — ngừng sử dụng từ {on}"),
                    (None, true) => " — chờ đặt mật khẩu mới".into(),
                    _ => String::new(),
                };
                println!("{:>4}  {:<16} {:<12} {}{state}", a.id.0, a.username, a.role_label, a.display_name);
            }
        }
        AccountsCommand::FirstAdmin { username, name, new_password_file } => {
            let password = new_password(new_password_file)?;
            let signed = db.create_first_administrator(&username, &name, &password).map_err(failure)?;
            println!("Đã tạo quản trị viên {} ({}).", signed.account.display_name, signed.account.username);
        }
        AccountsCommand::Create { username, role, member, name, new_password_file } => {
            let password = new_password(new_password_file)?;
            let a = db
                .create_account(&AccountDraft {
                    username,
                    display_name: name,
                    role: role.into(),
                    member_id: member.map(chuyende::member::MemberId),
                    password,
                })
                .map_err(failure)?;
            println!("Đã tạo tài khoản {} ({}, {}).", a.username, a.display_name, a.role_label);
        }
        AccountsCommand::Reset { username, new_password_file } => {
            let password = new_password(new_password_file)?;
            let a = db.reset_password(by_name(&username)?.id, &password).map_err(failure)?;
            println!("Đã đặt lại mật khẩu của {}: người dùng đặt mật khẩu mới ở lần đăng nhập sau.", a.username);
        }
        AccountsCommand::Deactivate { username } => {
            let a = db.deactivate_account(by_name(&username)?.id).map_err(failure)?;
            println!("Đã ngừng sử dụng tài khoản {} (tài khoản vẫn được giữ trong nhật ký).", a.username);
        }
        AccountsCommand::LocalAdmin => {
            let user = chuyende::account::os_user();
            db.set_local_administrator(&user).map_err(failure)?;
            println!("Người dùng hệ điều hành “{user}” từ nay chạy chuyende với tư cách quản trị viên này mà không cần --as.");
        }
    }
    Ok(())
}

/// A failure of the library, logged with its cause chain, as the message to print.
/// The preview as a table: the sheet and the columns used, then every row with its outcome.
fn print_sheet_preview(p: &chuyende::member_sheet::SheetPreview) {
    println!("Tệp {} · trang tính “{}” (có: {})", p.file_name, p.sheet, p.sheets.join(", "));
    match p.header_row {
        Some(row) => println!("Dòng tiêu đề cột: {row}"),
        None => println!("Không thấy dòng tiêu đề cột có “Họ và tên”."),
    }
    for f in &p.fields {
        let column = p
            .mapping
            .get(f.field)
            .and_then(|c| p.columns.iter().find(|col| col.index == c))
            .map(|col| format!("cột {} ({})", col.letter, col.header))
            .unwrap_or_else(|| "không có".into());
        println!("  {:<18} {column}", f.label);
    }
    if let Some(blocker) = &p.blocker {
        println!("{blocker}");
    }
    for r in &p.rows {
        let outcome = match &r.refusal {
            None => "nhập".to_string(),
            Some(why) => format!("KHÔNG NHẬP: {why}"),
        };
        println!("{:>5}  {}  — {outcome}", r.row, r.values.join(" | "));
    }
}

fn failure(e: chuyende::Error) -> String {
    chuyende::logging::log_failure(&e);
    e.to_string()
}

fn data_dir(cli_dir: Option<PathBuf>) -> Result<PathBuf, String> {
    cli_dir.ok_or_else(|| {
        "Không xác định được thư mục dữ liệu của người dùng; hãy chỉ định --data-dir.".into()
    })
}

fn open(dir: &std::path::Path, create: bool) -> Result<Database, String> {
    if create {
        Database::open_in(dir)
    } else {
        Database::open_existing_dir(dir)
    }
    .map_err(failure)
}

fn json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    println!(
        "{}",
        serde_json::to_string_pretty(value).map_err(|e| e.to_string())?
    );
    Ok(())
}

fn write_document(
    db: &Database,
    what: Exported,
    document: &chuyende::minutes::PartyDocument,
    format: MinutesFormat,
    output: &std::path::Path,
) -> Result<(), String> {
    let format = match format {
        MinutesFormat::Pdf => chuyende::minutes::DocumentFormat::Pdf,
        MinutesFormat::Docx => chuyende::minutes::DocumentFormat::Docx,
    };
    let bytes = chuyende::minutes::render(document, format).map_err(|e| e.to_string())?;
    // Atomic: a full disk leaves the previous file whole, never a truncated one. Recorded in
    // the trail with the file's SHA-256.
    db.write_export(what, format, output, &bytes)
        .map_err(failure)
}

fn print_backup(b: &chuyende::backup::BackupInfo) {
    let c = &b.contents;
    let tag = if b.before_restore {
        " (trạng thái trước khi khôi phục)"
    } else {
        ""
    };
    println!(
        "{}  {}{tag}  {} tổ chức, {} đảng viên, {} chuyên đề, {} đề cương, {} buổi sinh hoạt, {} ý kiến  ({} KB)",
        b.taken_at_label,
        b.path,
        c.organisations,
        c.members,
        c.topics,
        c.outline_versions,
        c.sessions,
        c.comments,
        (b.size + 1023) / 1024
    );
}

/// Restores the data folder from `file`: refused while the window holds the folder; a
/// database too damaged to open is set aside rather than overwritten.
fn restore(
    dir: &std::path::Path,
    file: &std::path::Path,
    who: &Who,
) -> Result<chuyende::backup::RestoreOutcome, String> {
    let _lock = chuyende::instance::InstanceLock::acquire(dir).map_err(|e| match e {
        chuyende::Error::AlreadyRunning => "Cửa sổ Chuyên Đề đang mở thư mục dữ liệu này nên không khôi phục được từ dòng lệnh. Hãy đóng cửa sổ rồi chạy lại lệnh, hoặc khôi phục trong Cài đặt → Sao lưu của cửa sổ.".to_string(),
        other => other.to_string(),
    })?;
    match Database::open_existing_dir(dir) {
        Ok(db) => act(&db, who).and_then(|_| db.restore_from(file, dir)),
        Err(chuyende::Error::Damaged { .. } | chuyende::Error::NotADatabase { .. }) => {
            chuyende::backup::restore_over_damaged(dir, file)
        }
        Err(e) => Err(e),
    }
    .map_err(|e| e.to_string())
}

fn print_plan(board: &chuyende::plan::PlanBoard) {
    let Some(plan) = &board.plan else {
        println!(
            "{} chưa có kế hoạch năm {}.",
            board.organisation.name, board.year
        );
        return;
    };
    let status = match &plan.approval {
        Some(a) => format!("đã duyệt ngày {} ({})", a.on.format("%d/%m/%Y"), a.by),
        None => "dự thảo".to_string(),
    };
    println!(
        "Kế hoạch sinh hoạt chuyên đề năm {} — {} — {status}",
        board.year, board.organisation.name
    );
    println!(
        "{:>6}  {:<7}  {:<10}  {:<20}  {:<24}  CHUYÊN ĐỀ",
        "MÃ", "QUÝ", "NGÀY", "TRẠNG THÁI", "PHÂN CÔNG"
    );
    for t in &board.topics {
        let day = t
            .planned_on
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| "—".into());
        let who = t
            .assignees
            .iter()
            .map(|a| a.full_name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let overdue = if t.overdue { " (quá hạn)" } else { "" };
        println!(
            "{:>6}  {:<7}  {:<10}  {:<20}  {:<24}  {}{overdue}",
            t.id.0,
            t.quarter.label(),
            day,
            t.state.label(),
            if who.is_empty() {
                "(chưa phân công)"
            } else {
                &who
            },
            t.title
        );
        if let Some(s) = &t.submission {
            let on = s.submitted_at.get(..10).unwrap_or(&s.submitted_at);
            println!(
                "        trình cấp ủy {on}: phiên bản {} SHA-256 {}",
                s.version_number, s.version_sha256
            );
            if let Some(d) = &s.decision {
                print_decision(d);
            }
        }
    }
}

fn print_receive_plan(plan: &chuyende::exchange::ReceivePlan) {
    println!(
        "Gói của {} — {} năm {} (tạo {}; dấu vân tay {})",
        plan.source_label, plan.organisation_name, plan.year, plan.created_at, plan.fingerprint
    );
    if plan.already_received {
        println!("Gói này đã được nhận trước đây: không có gì thay đổi.");
        return;
    }
    let verb = if plan.applied { "Đã" } else { "Sẽ" };
    for (what, list) in [("thêm", &plan.added), ("cập nhật", &plan.changed), ("ghi xung đột", &plan.conflicts)] {
        println!("{verb} {what}: {}", list.len());
        for r in list.iter().filter(|r| r.kind != "audit_event") {
            println!("  {}: {}", r.kind_label, r.summary);
        }
    }
    println!("Đã có sẵn, không đổi: {}; tài liệu gốc mới: {}", plan.unchanged, plan.documents);
    if !plan.applied {
        println!("(Chạy thử: chưa ghi gì.)");
    }
}

fn run(cli: Cli) -> Result<(), String> {
    if let Command::Bench {
        cells,
        years,
        outlines,
        runs,
    } = cli.command
    {
        return bench(cells, years, outlines, runs);
    }
    let dir = data_dir(cli.data_dir)?;
    let e = failure;
    let who = Who {
        username: cli.as_user.clone(),
        password_file: cli.password_file.clone(),
    };
    if let Command::Restore {
        file,
        json: as_json,
    } = &cli.command
    {
        let outcome = restore(&dir, file, &who)?;
        if *as_json {
            return json(&outcome);
        }
        if let Some(previous) = &outcome.previous_state {
            println!("Đã sao lưu trạng thái hiện tại trước khi khôi phục:");
            print_backup(previous);
        }
        if let Some(aside) = &outcome.set_aside {
            println!("Tệp dữ liệu bị hỏng được giữ lại (đổi tên) ở {aside}.");
        }
        println!("Đã khôi phục dữ liệu từ bản sao lưu:");
        print_backup(&outcome.restored);
        return Ok(());
    }
    let db = open(&dir, cli.create)?;
    act(&db, &who).map_err(e)?;
    match cli.command {
        Command::Accounts(command) => accounts(&db, command)?,
        Command::Restore { .. } | Command::Bench { .. } => unreachable!("handled above"),
        Command::Backup { to, json: as_json } => {
            let info = match to {
                Some(folder) => {
                    if !folder.is_dir() {
                        return Err(format!(
                            "Không có thư mục {}. Hãy kiểm tra lại đường dẫn (ổ USB đã cắm chưa?).",
                            folder.display()
                        ));
                    }
                    db.backup_into(&folder)
                }
                None => db.backup_in_rotation(&dir),
            }
            .map_err(e)?;
            if as_json {
                return json(&info);
            }
            println!("Đã sao lưu và kiểm tra bản sao:");
            print_backup(&info);
        }
        Command::Backups { json: as_json } => {
            let (list, damaged) =
                chuyende::backup::list_backups(&chuyende::backup::backup_folder(&dir))
                    .map_err(e)?;
            if as_json {
                return json(&list);
            }
            if list.is_empty() {
                println!(
                    "Chưa có bản sao lưu nào trong {}.",
                    chuyende::backup::backup_folder(&dir).display()
                );
            }
            for b in &list {
                print_backup(b);
            }
            for name in damaged {
                println!("Bản sao lưu bị hỏng, không dùng được: {name}");
            }
        }
        Command::DemoData { large, outlines } => {
            demo(&db, large, outlines)?;
        }
        Command::Import { topic, note, file } => {
            let v = db
                .import_outline_file(TopicId(topic), &file, &note)
                .map_err(e)?;
            println!(
                "Đã nhập phiên bản {} của đề cương ({}, {} byte).",
                v.number, v.file_name, v.size
            );
            if let Some(message) = v.text_message {
                println!("{message}");
            }
        }
        Command::Outline {
            topic,
            version,
            json: as_json,
        } => outline(&db, TopicId(topic), version, as_json)?,
        Command::Search {
            query,
            org,
            year,
            limit,
            json: as_json,
        } => {
            let filter = SearchFilter {
                organisation_id: org.map(OrganisationId),
                year,
            };
            let hits = db.search(&query, &filter, limit).map_err(e)?;
            if as_json {
                return json(&hits);
            }
            if hits.is_empty() {
                println!("Không tìm thấy đề cương nào có “{query}”.");
            }
            for h in hits {
                let snippet: String = h
                    .snippet
                    .iter()
                    .map(|p| {
                        if p.hit {
                            format!("[{}]", p.text)
                        } else {
                            p.text.clone()
                        }
                    })
                    .collect();
                let source = match &h.source {
                    HitSource::Outline { version_number, .. } => {
                        format!("đề cương phiên bản {version_number}")
                    }
                    HitSource::Comment {
                        held_on, speaker, ..
                    } => format!("ý kiến của đồng chí {speaker}, buổi sinh hoạt {held_on}"),
                    HitSource::Conclusion { held_on, .. } => {
                        format!("kết luận buổi sinh hoạt {held_on}")
                    }
                };
                let topic = h
                    .topic_id
                    .map(|t| format!(" (chuyên đề {})", t.0))
                    .unwrap_or_default();
                println!(
                    "{} · {} · năm {} · {source}{topic}",
                    h.topic_title, h.organisation_name, h.year
                );
                println!("    {snippet}");
            }
        }
        Command::Sessions {
            org,
            year,
            cell,
            cell_name,
            page,
            json: as_json,
        } => {
            let list = db
                .sessions(OrganisationId(org), year, cell.map(OrganisationId), &cell_name, page)
                .map_err(e)?;
            if as_json {
                return json(&list);
            }
            print_sessions(org, year, &list);
        }
        Command::Minutes {
            session,
            revision,
            format,
            output,
        } => {
            let session = chuyende::session::SessionId(session);
            let minutes = db.minutes_to_issue(session, revision).map_err(e)?;
            if let Some(note) = &minutes.numbering_note {
                eprintln!("{note}");
            }
            write_document(
                &db,
                Exported::Minutes(session),
                &minutes.document,
                format,
                &output,
            )?;
            println!("Đã ghi biên bản vào {}.", output.display());
        }
        Command::Members(MembersCommand::Import {
            file,
            org,
            sheet,
            map,
            dry_run,
            json: as_json,
        }) => {
            let mapping = map
                .map(|m| chuyende::member_sheet::ColumnMapping::parse(&m))
                .transpose()?;
            let choice = chuyende::member_sheet::SheetChoice { sheet, mapping };
            let preview = db
                .preview_member_sheet(&file, OrganisationId(org), &choice)
                .map_err(e)?;
            let imported = if dry_run {
                None
            } else {
                Some(
                    db.import_member_sheet(&file, OrganisationId(org), &choice)
                        .map_err(e)?,
                )
            };
            if as_json {
                return json(&serde_json::json!({ "preview": preview, "imported": imported }));
            }
            print_sheet_preview(&preview);
            match imported {
                Some(done) => println!(
                    "Đã thêm {} đảng viên; {} dòng không nhập.",
                    done.created, done.refused
                ),
                None => println!(
                    "Xem trước: sẽ thêm {} đảng viên; {} dòng không nhập. Chưa ghi gì (--dry-run).",
                    preview.accepted, preview.refused
                ),
            }
        }
        Command::Members(MembersCommand::Export { org, output }) => {
            db.export_member_sheet(OrganisationId(org), &output)
                .map_err(e)?;
            println!("Đã ghi danh sách đảng viên vào {}.", output.display());
        }
        Command::Plan(PlanCommand::Print {
            org,
            year,
            format,
            output,
        }) => {
            let document = db.plan_to_issue(OrganisationId(org), year).map_err(e)?;
            let what = Exported::Plan {
                organisation: OrganisationId(org),
                year,
            };
            write_document(&db, what, &document, format, &output)?;
            println!("Đã ghi kế hoạch năm {year} vào {}.", output.display());
        }
        Command::Plan(PlanCommand::Amendment {
            org,
            year,
            on,
            format,
            output,
        }) => {
            let document = db
                .plan_amendment_to_issue(OrganisationId(org), year, on)
                .map_err(e)?;
            let what = Exported::PlanAmendment {
                organisation: OrganisationId(org),
                year,
            };
            write_document(&db, what, &document, format, &output)?;
            println!(
                "Đã ghi kế hoạch điều chỉnh năm {year} vào {}.",
                output.display()
            );
        }
        Command::Verify { json: as_json } => {
            let report = db
                .verify_trail(chuyende::audit::verify::Limits::FULL)
                .map_err(e)?;
            if as_json {
                json(&report)?;
            } else {
                for finding in &report.findings {
                    println!("- {}", finding.message);
                }
            }
            if !report.is_intact() {
                return Err(report.summary);
            }
            if !as_json {
                println!("{}", report.summary);
            }
        }
        Command::Info { json: true } => json(&db.info().map_err(e)?)?,
        Command::Info { json: false } => {
            let info = db.info().map_err(e)?;
            println!("Tệp dữ liệu:               {}", info.database_path);
            println!("Phiên bản dữ liệu:         {}", info.schema_version);
            println!(
                "Đảng bộ:                   {}",
                info.counts.party_committee_orgs
            );
            println!("Chi bộ:                    {}", info.counts.cells);
            println!("Đảng viên đang sinh hoạt:  {}", info.counts.active_members);
            println!("Đảng viên đã chuyển đi:    {}", info.counts.moved_members);
        }
        Command::Orgs { json: as_json, all } => {
            let orgs = db.organisations(all).map_err(e)?;
            if as_json {
                return json(&orgs);
            }
            println!("{:>5}  {:<8}  {:>9}  TÊN", "MÃ", "LOẠI", "ĐẢNG VIÊN");
            for o in orgs {
                let (kind, indent) = match o.placement {
                    Placement::PartyCommitteeOrg { .. } => ("đảng bộ", ""),
                    Placement::Cell { .. } => ("chi bộ", "  "),
                };
                let retired = o
                    .retired_on
                    .map(|d| format!(" (ngừng hoạt động {})", d.format("%d/%m/%Y")))
                    .unwrap_or_default();
                println!(
                    "{:>5}  {:<8}  {:>9}  {indent}{}{retired}",
                    o.id.0, kind, o.active_members, o.name
                );
            }
        }
        Command::Approvals {
            org,
            before: None,
            json: as_json,
        } => {
            let board = db.approvals(OrganisationId(org)).map_err(e)?;
            if as_json {
                return json(&board);
            }
            println!("ĐANG CHỜ CẤP ỦY DUYỆT ({})", board.waiting.len());
            board.waiting.iter().for_each(print_submission);
            println!("ĐÃ QUYẾT ĐỊNH GẦN ĐÂY ({})", board.decided.decisions.len());
            print_decided(org, &board.decided);
        }
        Command::Approvals {
            org,
            before: Some(before),
            json: as_json,
        } => {
            let page = db
                .older_decisions(OrganisationId(org), SubmissionId(before))
                .map_err(e)?;
            if as_json {
                return json(&page);
            }
            println!("ĐÃ QUYẾT ĐỊNH, CŨ HƠN ({})", page.decisions.len());
            print_decided(org, &page);
        }
        Command::Submit {
            topic,
            json: as_json,
        } => {
            let t = db.submit_topic(TopicId(topic)).map_err(e)?;
            let s = t
                .submission
                .clone()
                .expect("a submitted topic has its submission");
            if as_json {
                return json(&s);
            }
            println!("Đã trình cấp ủy: {}", t.title);
            print_submission(&s);
        }
        Command::Decide {
            topic,
            approve,
            return_reasons,
            meeting,
            members,
            signer,
            sha256,
            json: as_json,
        } => {
            let waiting = db.decision_form(TopicId(topic)).map_err(e)?.submission;
            let decision = match (approve, return_reasons) {
                (true, _) => chuyende::cycle::Decision::Approve,
                (false, Some(reasons)) => chuyende::cycle::Decision::Return { reasons },
                (false, None) => unreachable!("clap requires --approve or --return"),
            };
            let t = db
                .decide_topic(
                    TopicId(topic),
                    &chuyende::approval::CommitteeDecision {
                        meeting_on: meeting,
                        participant_ids: members
                            .into_iter()
                            .map(chuyende::member::MemberId)
                            .collect(),
                        signer_id: chuyende::member::MemberId(signer),
                        version_sha256: sha256.unwrap_or(waiting.version_sha256),
                        decision,
                    },
                )
                .map_err(e)?;
            let s = t
                .submission
                .clone()
                .expect("a decided topic has its submission");
            if as_json {
                return json(&s);
            }
            println!("{}: {}", t.state.label(), t.title);
            print_submission(&s);
        }
        Command::ApprovedOutline {
            topic,
            format,
            output,
        } => {
            let document = db.approved_outline_to_issue(TopicId(topic)).map_err(e)?;
            write_document(
                &db,
                Exported::ApprovedOutline(TopicId(topic)),
                &document,
                format,
                &output,
            )?;
            println!("Đã ghi đề cương đã duyệt vào {}.", output.display());
        }
        Command::Timeline {
            topic,
            json: as_json,
        } => {
            let timeline = db.topic_timeline(TopicId(topic)).map_err(e)?;
            if as_json {
                return json(&timeline);
            }
            for entry in timeline {
                let who = if entry.who.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", entry.who)
                };
                println!("{}  {}{who}", entry.when, entry.title);
                if let Some(detail) = entry.detail {
                    println!("                  {detail}");
                }
            }
        }
        Command::Export {
            org,
            year,
            topic,
            output,
        } => {
            let scope = chuyende::exchange::ExportScope {
                organisation_id: OrganisationId(org),
                year,
                topic_id: topic.map(TopicId),
            };
            let summary = db.export_package(scope, &output).map_err(e)?;
            println!(
                "Đã xuất gói trao đổi {}: {} bản ghi, {} tài liệu gốc (SHA-256 {}).",
                output.display(),
                summary.records,
                summary.documents,
                summary.sha256
            );
        }
        Command::Receive {
            file,
            dry_run,
            json: as_json,
        } => {
            let plan = if dry_run {
                db.plan_receive(&file)
            } else {
                db.receive_package(&file)
            }
            .map_err(e)?;
            if as_json {
                return json(&plan);
            }
            print_receive_plan(&plan);
        }
        Command::Key(KeyCommand::Show { json: as_json }) => {
            let key = db.own_key().map_err(e)?;
            if as_json {
                return json(&key);
            }
            println!("Mã máy: {}\nDấu vân tay khóa: {}", key.workstation, key.fingerprint);
        }
        Command::Key(KeyCommand::Trust { file, label }) => {
            let key = db.trust_package_key(&file, &label).map_err(e)?;
            println!(
                "Đã xác nhận khóa của {} (dấu vân tay {}).",
                key.label, key.fingerprint
            );
        }
        Command::Key(KeyCommand::List { json: as_json }) => {
            let keys = db.known_keys().map_err(e)?;
            if as_json {
                return json(&keys);
            }
            if keys.is_empty() {
                println!("Chưa xác nhận khóa của máy nào.");
            }
            for k in keys {
                println!("{}  {}  (xác nhận bởi {}, {})", k.fingerprint, k.label, k.confirmed_by, k.confirmed_at);
            }
        }
        Command::Conflicts { json: as_json } => {
            let conflicts = db.exchange_conflicts().map_err(e)?;
            if as_json {
                return json(&conflicts);
            }
            if conflicts.is_empty() {
                println!("Không có xung đột.");
            }
            for c in conflicts {
                println!(
                    "#{} {} ({}): {}: «{}» — {}: «{}»{}",
                    c.id,
                    c.record.kind_label,
                    c.found_at,
                    c.ours_from,
                    c.ours,
                    c.theirs_from,
                    c.theirs,
                    match c.resolution.as_deref() {
                        Some("ours") => " — đã chọn bản của máy này",
                        Some(_) => " — đã chọn bản nhận được",
                        None => " — chờ chọn",
                    }
                );
            }
        }
        Command::Plan(PlanCommand::Report { org, year, on }) => {
            let board = db
                .plan_board(chuyende::organisation::OrganisationId(org), year)
                .map_err(e)?;
            let plan = board.plan.ok_or_else(|| {
                format!("{} chưa có kế hoạch năm {year}.", board.organisation.name)
            })?;
            let report = db.report_plan(plan.id, on).map_err(e)?;
            println!(
                "Đã ghi: kế hoạch năm {year} của {} báo cáo cấp ủy cấp trên ngày {}.",
                board.organisation.name,
                report.reported_on.format("%d/%m/%Y")
            );
        }
        Command::Compliance {
            org,
            year,
            json: as_json,
        } => {
            let report = db
                .compliance(chuyende::organisation::OrganisationId(org), year)
                .map_err(e)?;
            if as_json {
                return json(&report);
            }
            print_compliance(&report);
        }
        Command::Archive { org, year, output } => {
            let org = OrganisationId(org);
            let book = db.archive_book(org, year).map_err(e)?;
            // On a terminal the count rewrites its line; piped into a log (a script, a
            // scheduled job) each document is a line of its own instead of one endless line.
            let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let archive = chuyende::archive::render(&book, |done, total| {
                if terminal {
                    eprint!("\rĐang dựng hồ sơ: {done}/{total} tài liệu");
                } else {
                    eprintln!("Đang dựng hồ sơ: {done}/{total} tài liệu");
                }
            })
            .map_err(|e| e.to_string())?;
            if terminal {
                eprintln!();
            }
            let what = Exported::Archive {
                organisation: org,
                year,
            };
            db.write_export_file(what, "pdf", &output, &archive.pdf)
                .map_err(failure)?;
            println!(
                "Đã ghi hồ sơ lưu trữ năm {year} ({} tài liệu, {} trang) vào {}.",
                archive.parts.len(),
                archive.contents_pages + archive.parts.iter().map(|p| p.pages).sum::<usize>(),
                output.display()
            );
        }
        Command::Report {
            org,
            year,
            format,
            output,
        } => {
            use chuyende::yearly_report::ReportFormat;
            let format = match format {
                ReportFormatArg::Xlsx => ReportFormat::Xlsx,
                ReportFormatArg::Docx => ReportFormat::Docx,
                ReportFormatArg::Pdf => ReportFormat::Pdf,
            };
            let org = OrganisationId(org);
            let (report, document) = db.yearly_report_to_issue(org, year, format).map_err(e)?;
            let bytes = chuyende::yearly_report::render(&report, &document, format)
                .map_err(|e| e.to_string())?;
            let what = Exported::YearlyReport {
                organisation: org,
                year,
            };
            db.write_export_file(what, format.extension(), &output, &bytes)
                .map_err(failure)?;
            println!(
                "Đã ghi báo cáo kết quả sinh hoạt chuyên đề năm {year} vào {}.",
                output.display()
            );
        }
        Command::Plan(PlanCommand::Show {
            org,
            year,
            json: as_json,
        }) => {
            let board = db
                .plan_board(chuyende::organisation::OrganisationId(org), year)
                .map_err(e)?;
            if as_json {
                return json(&board);
            }
            print_plan(&board);
        }
    }
    Ok(())
}

/// The compliance check as text: each cell, the plan's report, then each quarter's rules, each
/// one not met with its reasons.
fn print_compliance(c: &chuyende::compliance::Compliance) {
    use chuyende::compliance::{Check, Verdict};
    let line = |indent: &str, check: &Check| {
        println!("{indent}{:<14}  {}", check.verdict_label, check.label);
        if matches!(check.verdict, Verdict::Missed | Verdict::NotYetDue) {
            for reason in &check.reasons {
                println!("{indent}                - {reason}");
            }
        }
    };
    println!(
        "THỰC HIỆN HƯỚNG DẪN NĂM {} — {} (đến ngày {}): {} điểm chưa đạt",
        c.year,
        c.organisation_name,
        c.as_of.format("%d/%m/%Y"),
        c.missed
    );
    for cell in &c.cells {
        println!();
        println!("{} ({} điểm chưa đạt)", cell.organisation_name, cell.missed);
        line("  ", &cell.plan_reported);
        for q in &cell.quarters {
            println!("  {}", q.quarter_label);
            q.checks.iter().for_each(|check| line("    ", check));
        }
    }
}

fn demo(db: &Database, large: bool, outlines: usize) -> Result<(), String> {
    let e = failure;
    match chuyende::demo::fill(db).map_err(e)? {
        DemoOutcome::Created {
            cells,
            members,
            topics,
        } => {
            println!(
                    "Đã tạo dữ liệu mẫu: {} với {cells} chi bộ, {members} đảng viên, {topics} chuyên đề trong kế hoạch 4 năm.",
                    chuyende::demo::DEMO_ORGANISATION
                );
        }
        DemoOutcome::AlreadyPresent => {
            println!(
                "Dữ liệu mẫu đã có sẵn ({}); không thêm gì.",
                chuyende::demo::DEMO_ORGANISATION
            );
        }
    }
    if large {
        let started = std::time::Instant::now();
        let topics = chuyende::demo::fill_large(db, 250, 10, outlines).map_err(e)?;
        println!(
            "Đã tạo tổ chức lớn: 250 chi bộ, {topics} chuyên đề, {} đề cương, trong {:.0} giây.",
            outlines.min(topics),
            started.elapsed().as_secs_f64()
        );
    }
    // Last: once accounts exist, every change needs someone signed in.
    chuyende::demo::fill_accounts(db).map_err(e)?;
    println!("Tài khoản mẫu, một cho mỗi vai trò (mật khẩu trong README):");
    for (username, _, role) in chuyende::demo::DEMO_ACCOUNTS {
        println!("  {username:<10} {}", role.label());
    }
    Ok(())
}

fn outline(
    db: &Database,
    topic: TopicId,
    version: Option<String>,
    as_json: bool,
) -> Result<(), String> {
    let e = failure;
    let versions = db.outline_versions(topic).map_err(e)?;
    let Some(wanted) = version else {
        if as_json {
            return json(&versions);
        }
        if versions.is_empty() {
            println!("Chuyên đề {} chưa có đề cương nào.", topic.0);
        }
        for v in &versions {
            println!(
                "Phiên bản {:>2}  {}  {:<10}  {:>9} byte  {}  {}{}",
                v.number,
                &v.imported_at[..16.min(v.imported_at.len())].replace('T', " "),
                v.imported_by,
                v.size,
                v.file_name,
                v.note,
                v.text_message
                    .as_ref()
                    .map(|_| "  (không đọc được nội dung)")
                    .unwrap_or("")
            );
        }
        return Ok(());
    };
    let chosen = if wanted == "latest" {
        versions.first()
    } else {
        let n: i64 = wanted.parse().map_err(|_| {
            format!("Phiên bản “{wanted}” không hợp lệ: hãy ghi số (1, 2, …) hoặc latest.")
        })?;
        versions.iter().find(|v| v.number == n)
    }
    .ok_or_else(|| format!("Chuyên đề {} không có phiên bản {wanted}.", topic.0))?;
    let text = db.outline_text(chosen.id).map_err(e)?;
    if as_json {
        return json(&text);
    }
    if let Some(message) = &chosen.text_message {
        println!("{message}");
    }
    for block in text.blocks {
        let indent = match block.kind {
            BlockKind::Heading { level } => "#".repeat(level as usize) + " ",
            BlockKind::ListItem { level } => "  ".repeat(level as usize),
            BlockKind::TableRow => "| ".into(),
            BlockKind::Paragraph | BlockKind::Footnote => String::new(),
        };
        println!("{indent}{}", block.text);
    }
    Ok(())
}

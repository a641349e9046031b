//! What panels, menus and keys ask the app to do. A panel draws from the state and pushes commands; the app runs
//! them once per frame, after every panel has been drawn, so no panel reaches into the loaders, the workers or
//! another panel, and each action has one place where it is carried out.

use std::path::PathBuf;

use super::compare::CompareMode;
use super::windows::figure_export::Target;

/// One action of the user.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Opens files or folders (a `.json` file is a session); `remember`: add them to the recent files.
    Open {
        paths: Vec<PathBuf>,
        remember: bool,
    },
    /// Opens a cloud-optimized GeoTIFF on a web server (an `http://` or `https://` address).
    OpenUrl(String),
    /// Asks for rasters with the file dialog and opens them.
    OpenDialog,
    /// Asks for a folder and opens it.
    OpenFolderDialog,
    /// Opens the bundled demo tile set.
    OpenDemo,
    /// Asks for a session file and opens it.
    OpenSessionDialog,
    /// Asks where to save the session and saves it.
    SaveSessionDialog,
    /// Moves a layer one place up or down the stack.
    MoveLayer {
        layer: u32,
        up: bool,
    },
    CloseLayer(u32),
    /// Closes a zone layer.
    CloseZones(u64),
    /// Selects every zone of a zone layer.
    SelectAllZones(u64),
    /// Gives the sample shown this reference class, writes it and goes on.
    LabelSample(u32),
    /// Goes to the next (1) or previous (-1) sample, or (0) the next without a label.
    GoToSample(i32),
    /// Closes the samples file (every label is already written).
    StopLabelling,
    /// Asks where to save the figure of the labels' accuracy report and writes it.
    SaveAccuracyFigure,
    /// Shows a CORINE layer at nomenclature level 3, 2 or 1.
    SetClcLevel {
        layer: u32,
        level: u8,
    },
    /// Asks for a `.clr`, `.qml` or `.sld` file and restyles the layer with it.
    ImportStyleDialog(u32),
    /// Asks where to save `text` (suggesting `name.ext`) and writes it.
    SaveText {
        text: String,
        name: String,
        ext: String,
    },
    /// Writes the pinned points as CSV, asking where.
    ExportPinned,
    /// Adds a change, confidence or imperviousness view of two layers.
    AddPairView {
        first: u32,
        other: u32,
        kind: crate::view::PairKind,
    },
    OpenClassCard {
        layer: u32,
        code: u32,
    },
    EnterCompare(CompareMode),
    /// Links or unlinks the cameras of side-by-side panes.
    LinkPanes(bool),
    SetPresenting(bool),
    StartQuiz,
    AnswerQuiz(u32),
    NextQuestion,
    EndQuiz,
    ExportFigure(Target),
    AddBookmark,
    GoToBookmark(usize),
    /// Counts the view exactly on the base level, however large, until the camera moves.
    CountViewExactly,
    CancelViewCount,
    CancelFileCounts,
    /// Shows a dialog.
    ShowWindow(Window),
    /// Closes the window.
    Quit,
}

/// The dialogs a command can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    OpenUrl,
    ExportFigure,
}

/// The commands of one frame, in the order they were given.
#[derive(Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// The commands given so far, leaving none.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}

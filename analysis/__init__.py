"""Pure pandas/numpy analysis of the mentoring program. Never imports Streamlit."""
from .config import Config, load_config
from .program import DataProblem, Intake, Program, load_program

__all__ = ["Config", "DataProblem", "Intake", "Program", "load_config", "load_program"]

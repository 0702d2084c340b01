using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonPairDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecondId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MergeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonPairDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonPairDecisions_Persons_FirstId",
                        column: x => x.FirstId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonPairDecisions_Persons_SecondId",
                        column: x => x.SecondId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonMerges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurvivorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MergedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DecisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MergedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    MergedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TookAge = table.Column<bool>(type: "INTEGER", nullable: false),
                    TookDateOfBirth = table.Column<bool>(type: "INTEGER", nullable: false),
                    TookFlag = table.Column<bool>(type: "INTEGER", nullable: false),
                    DescriptionBefore = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DescriptionAfter = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UndoneByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UndoReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonMerges_PersonPairDecisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "PersonPairDecisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonMerges_Persons_MergedId",
                        column: x => x.MergedId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonMerges_Persons_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonMergeMove",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MergeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonMergeMove", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonMergeMove_PersonMerges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "PersonMerges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonMergeMove_MergeId",
                table: "PersonMergeMove",
                column: "MergeId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_DecisionId",
                table: "PersonMerges",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_MergedId",
                table: "PersonMerges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_SurvivorId",
                table: "PersonMerges",
                column: "SurvivorId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonPairDecisions_FirstId_SecondId",
                table: "PersonPairDecisions",
                columns: new[] { "FirstId", "SecondId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonPairDecisions_SecondId",
                table: "PersonPairDecisions",
                column: "SecondId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonMergeMove");

            migrationBuilder.DropTable(
                name: "PersonMerges");

            migrationBuilder.DropTable(
                name: "PersonPairDecisions");
        }
    }
}
